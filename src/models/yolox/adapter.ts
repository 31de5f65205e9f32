import type { ModelEntry } from '../../../models/catalog';
import type { Detections } from '../../core/detections';
import type { Frame } from '../../core/frame';
import type { DetectOptions, Detector } from '../detector';
import type { InferenceSession } from '../runtime/create-inference-session';
import { createSessionPool } from '../runtime/create-session-pool';
import { decodeYolox } from './postprocess';
import { toYoloxInput } from './preprocess';

/**
 * A YOLOX detector over one or more sessions of the same model. Calls are spread over the
 * sessions, so a caller that keeps `sessions.length` frames in flight uses them all.
 */
export function createYoloxDetector(entry: ModelEntry, sessions: readonly InferenceSession[]): Detector {
  if (sessions.length === 0) throw new Error('createYoloxDetector needs at least one session');
  const size = entry.input.shape[2];
  const padValue = entry.input.padValue ?? 114;
  const pool = createSessionPool(sessions);

  return {
    id: entry.id,
    version: entry.sha256,
    labels: entry.labels,
    inputFormat: { width: size, height: size, layout: 'gbrp', fit: 'letterbox', padValue },
    defaultScoreThreshold: entry.defaultScoreThreshold,
    domain: entry.domain,
    async detect(frame: Frame, options: DetectOptions = {}): Promise<Detections> {
      const input = toYoloxInput(frame, size, padValue);
      const output = await pool.run({ [entry.input.name]: { data: input.data, dims: [1, 3, size, size] } }, { giveInputs: true });
      return decodeYolox(output[entry.outputs[0]], {
        inputSize: size,
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
