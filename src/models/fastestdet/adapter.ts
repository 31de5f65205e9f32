import type { ModelEntry } from '../../../models/catalog';
import type { Detections } from '../../core/detections';
import type { Frame } from '../../core/frame';
import type { DetectOptions, Detector } from '../detector';
import type { InferenceSession } from '../runtime/create-inference-session';
import { createSessionPool } from '../runtime/create-session-pool';
import { decodeFastestdet } from './postprocess';
import { toFastestdetInput } from './preprocess';

/**
 * A FastestDet detector over one or more sessions of the same model. Calls are spread over the
 * sessions, so a caller that keeps `sessions.length` frames in flight uses them all. Its
 * `inputFormat` asks sources for planar frames stretched to the model size.
 *
 * @example
 * const entry = findModelEntry('fastestdet-352')!;
 * const detector = createFastestdetDetector(entry, [await createInferenceSession(path)]);
 * const detections = await detector.detect(frame);
 */
export function createFastestdetDetector(entry: ModelEntry, sessions: readonly InferenceSession[]): Detector {
  if (sessions.length === 0) throw new Error('createFastestdetDetector needs at least one session');
  const height = entry.input.shape[2];
  const width = entry.input.shape[3];
  const pool = createSessionPool(sessions);

  return {
    id: entry.id,
    version: entry.sha256,
    labels: entry.labels,
    inputFormat: { width, height, layout: 'gbrp', fit: 'stretch', padValue: 0 },
    defaultScoreThreshold: entry.defaultScoreThreshold,
    domain: entry.domain,
    async detect(frame: Frame, options: DetectOptions = {}): Promise<Detections> {
      const input = toFastestdetInput(frame, width, height);
      const output = await pool.run({ [entry.input.name]: { data: input.data, dims: input.dims } }, { giveInputs: true });
      const head = output[entry.outputs[0]];
      if (!head) throw new Error(`${entry.id}: the model has no output "${entry.outputs[0]}"; it returned ${Object.keys(output).join(', ')}`);
      return decodeFastestdet(head, {
        inputWidth: width,
        inputHeight: height,
        scoreThreshold: options.scoreThreshold ?? entry.defaultScoreThreshold,
        labels: entry.labels,
        toSource: input.toSource,
        sourceWidth: frame.sourceWidth,
        sourceHeight: frame.sourceHeight,
      });
    },
    async dispose() {
      await pool.dispose();
    },
  };
}
