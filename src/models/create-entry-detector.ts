import type { ModelEntry } from '../../models/catalog';
import type { Detections } from '../core/detections';
import type { BufferToSource, Frame } from '../core/frame';
import type { Detector, DetectorInputFormat } from './detector';
import type { InferenceSession } from './runtime/create-inference-session';
import { createSessionPool } from './runtime/create-session-pool';
import { createSpareInputs, createSpareOutputs } from './runtime/shared-tensors';
import type { FloatTensor } from './runtime/tensor';

/** What a model family adds to a registry detector: its input tensor and its output decode. */
export interface DetectorFamily<D extends Detections = Detections> {
  /** The frame a scaling source should deliver (the model size, in the layout the family reads fastest). */
  inputFormat: DetectorInputFormat;
  /**
   * The model tensor of a frame of any size and layout, and how its pixels map to the source;
   * written into `reuse` (an earlier tensor, now free) when it has the right length.
   */
  toInput(frame: Frame, reuse?: Float32Array): { data: Float32Array; dims: number[]; toSource: BufferToSource };
  /** Detections in source pixels from the model's outputs; copies what it keeps (the outputs are reused). */
  decode(outputs: Record<string, FloatTensor>, context: { frame: Frame; toSource: BufferToSource; scoreThreshold: number }): D;
}

/**
 * A registry model as a Detector: the family's tensor goes to a free session of the pool (so a
 * caller keeping `sessions.length` frames in flight uses them all), the outputs named by the entry
 * must all be there, and the family decodes them at the call's score threshold or the entry's.
 *
 * @example
 * createEntryDetector(entry, sessions, { inputFormat, toInput: (f) => toSpecTensor(f, spec), decode: (out, c) => decodeMine(out, c) });
 */
export function createEntryDetector<D extends Detections>(entry: ModelEntry, sessions: readonly InferenceSession[], family: DetectorFamily<D>): Detector {
  if (sessions.length === 0) throw new Error(`${entry.id}: a detector needs at least one session`);
  const pool = createSessionPool(sessions);
  const spareInputs = createSpareInputs(sessions.length + 2);
  const spareOutputs = createSpareOutputs(sessions.length + 2);
  return {
    id: entry.id,
    version: entry.sha256,
    labels: entry.labels,
    inputFormat: family.inputFormat,
    defaultScoreThreshold: entry.defaultScoreThreshold,
    domain: entry.domain,
    async detect(frame, options = {}): Promise<D> {
      // Inputs and outputs cycle through shared memory: nothing is allocated or moved per frame.
      const input = family.toInput(frame, spareInputs.staging());
      const data = spareInputs.share(input.data);
      const outputs = await pool.run({ [entry.input.name]: { data, dims: input.dims } }, { spareOutputs: spareOutputs.take() })
        .finally(() => spareInputs.give(data));
      const missing = entry.outputs.filter((name) => !outputs[name]);
      if (missing.length) throw new Error(`model "${entry.id}" must output ${entry.outputs.join(', ')}; got ${Object.keys(outputs).join(', ')}`);
      try {
        return family.decode(outputs, { frame, toSource: input.toSource, scoreThreshold: options.scoreThreshold ?? entry.defaultScoreThreshold });
      } finally {
        // decoders copy what they keep: the output arrays are free once decode returns
        spareOutputs.give(outputs);
      }
    },
    async dispose() {
      await pool.dispose();
    },
  };
}
