import type { ModelEntry } from '../../../models/catalog';
import type { Detector } from '../detector';
import type { InferenceSession } from '../runtime/create-inference-session';
import { createEntryDetector } from '../create-entry-detector';
import { decodeYolox } from './postprocess';
import { toYoloxInput } from './preprocess';

/**
 * A YOLOX detector over one or more sessions of the same model. Calls are spread over the
 * sessions, so a caller that keeps `sessions.length` frames in flight uses them all.
 */
export function createYoloxDetector(entry: ModelEntry, sessions: readonly InferenceSession[]): Detector {
  const size = entry.input.shape[2];
  const padValue = entry.input.padValue ?? 114;
  return createEntryDetector(entry, sessions, {
    inputFormat: { width: size, height: size, layout: 'gbrp', fit: 'letterbox', padValue },
    toInput: (frame, reuse) => ({ ...toYoloxInput(frame, size, padValue, reuse), dims: [1, 3, size, size] }),
    decode: (output, { frame, toSource, scoreThreshold }) => decodeYolox(output[entry.outputs[0]], {
      inputSize: size, scoreThreshold, labels: entry.labels, toSource, sourceWidth: frame.sourceWidth, sourceHeight: frame.sourceHeight,
    }),
  });
}
