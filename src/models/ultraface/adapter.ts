import type { ModelEntry } from '../../../models/catalog';
import type { Detector } from '../detector';
import type { InferenceSession } from '../runtime/create-inference-session';
import { createEntryDetector } from '../create-entry-detector';
import { decodeUltraface } from './postprocess';
import { toUltrafaceInput } from './preprocess';

/**
 * An UltraFace face detector (Ultra-Light-Fast-Generic-Face-Detector-1MB, RFB-320 or slim) over one
 * or more sessions of the same model: every frame is stretched to the model input (320 × 240 for
 * the catalog's `ultraface-rfb-320`), faces come back as label 'face', class 0, boxes xyxy in source
 * pixels after NMS at IoU 0.3. Calls are spread over the sessions.
 *
 * `inputFormat` asks a scaling source for packed RGB at the model size, stretched, so
 * the adapter only normalises. Faces smaller than about 10 px in the 320 × 240 input (the smallest
 * prior) are missed: about 1/32 of the frame width.
 *
 * @example
 * const entry = findModelEntry('ultraface-rfb-320')!;
 * const detector = createUltrafaceDetector(entry, [await createInferenceSession(path)]);
 * const faces = await detector.detect(frame); // faces.label → ['face', 'face', …]
 */
export function createUltrafaceDetector(entry: ModelEntry, sessions: readonly InferenceSession[]): Detector {
  const [, , height, width] = entry.input.shape;
  const [scoresName, boxesName] = entry.outputs;
  return createEntryDetector(entry, sessions, {
    inputFormat: { width, height, layout: 'rgb24', fit: 'stretch', padValue: 0 },
    toInput: (frame, reuse) => toUltrafaceInput(frame, width, height, reuse),
    decode: (output, { frame, toSource, scoreThreshold }) => decodeUltraface(output[scoresName], output[boxesName], {
      inputWidth: width, inputHeight: height, scoreThreshold, label: entry.labels[0], toSource, sourceWidth: frame.sourceWidth, sourceHeight: frame.sourceHeight,
    }),
  });
}
