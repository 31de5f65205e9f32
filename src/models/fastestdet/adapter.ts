import type { ModelEntry } from '../../../models/catalog';
import type { Detector } from '../detector';
import type { InferenceSession } from '../runtime/create-inference-session';
import { createEntryDetector } from '../create-entry-detector';
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
  const height = entry.input.shape[2];
  const width = entry.input.shape[3];
  return createEntryDetector(entry, sessions, {
    inputFormat: { width, height, layout: 'gbrp', fit: 'stretch', padValue: 0 },
    toInput: (frame, reuse) => toFastestdetInput(frame, width, height, reuse),
    decode: (output, { frame, toSource, scoreThreshold }) => decodeFastestdet(output[entry.outputs[0]], {
      inputWidth: width, inputHeight: height, scoreThreshold, labels: entry.labels, toSource, sourceWidth: frame.sourceWidth, sourceHeight: frame.sourceHeight,
    }),
  });
}
