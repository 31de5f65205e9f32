import type { ModelEntry } from '../../models/catalog';
import type { Detections } from '../core/detections';
import type { BufferToSource, Frame } from '../core/frame';
import type { Detector, DetectorInputFormat } from './detector';
import type { InferenceSession } from './runtime/create-inference-session';
import { createSessionPool } from './runtime/create-session-pool';
import type { FloatTensor } from './runtime/tensor';

/** What a model family adds to a registry detector: its input tensor and its output decode. */
export interface DetectorFamily<D extends Detections = Detections> {
  /** The frame a scaling source should deliver (the model size, in the layout the family reads fastest). */
  inputFormat: DetectorInputFormat;
  /** The model tensor of a frame of any size and layout, and how its pixels map to the source. */
  toInput(frame: Frame): { data: Float32Array; dims: number[]; toSource: BufferToSource };
  /** Detections in source pixels from the model's outputs. */
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
  return {
    id: entry.id,
    version: entry.sha256,
    labels: entry.labels,
    inputFormat: family.inputFormat,
    defaultScoreThreshold: entry.defaultScoreThreshold,
    domain: entry.domain,
    async detect(frame, options = {}): Promise<D> {
      const input = family.toInput(frame);
      const outputs = await pool.run({ [entry.input.name]: { data: input.data, dims: input.dims } }, { giveInputs: true });
      const missing = entry.outputs.filter((name) => !outputs[name]);
      if (missing.length) throw new Error(`model "${entry.id}" must output ${entry.outputs.join(', ')}; got ${Object.keys(outputs).join(', ')}`);
      return family.decode(outputs, { frame, toSource: input.toSource, scoreThreshold: options.scoreThreshold ?? entry.defaultScoreThreshold });
    },
    async dispose() {
      await pool.dispose();
    },
  };
}
