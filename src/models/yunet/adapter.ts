import type { ModelEntry } from '../../../models/catalog';
import type { Detector } from '../detector';
import type { InferenceSession } from '../runtime/create-inference-session';
import { createEntryDetector } from '../create-entry-detector';
import { decodeYunet, type YunetDetections } from './postprocess';
import { toYunetInput } from './preprocess';
import { createYunetPriors } from './priors';

/**
 * A YuNet face detector (the old OpenCV-zoo export with outputs loc, conf, iou) over one or more
 * sessions of the same model: every frame is stretched to the model input (160 × 120 for the
 * catalog's `yunet-120x160`), faces come back as label 'face', class 0, boxes xyxy in source
 * pixels after NMS at IoU 0.3, with five landmarks each in `landmarks` (see {@link YunetDetections}).
 *
 * Small input, small reach: the smallest prior is 10 px of a 160-px-wide input, so faces under
 * roughly 1/20 to 1/25 of the frame width are missed (on a 720-px group photo it finds faces of
 * about 30 px and up, fewer than UltraFace at 320 × 240). The ONNX input is fixed at
 * [1, 3, 120, 160], so the adapter cannot run it larger; tile the frame for small faces.
 *
 * `inputFormat` asks a scaling source for planar `gbrp` at the model size, stretched, which the
 * preprocessing copies plane by plane.
 *
 * @example
 * const entry = findModelEntry('yunet-120x160')!;
 * const detector = createYunetDetector(entry, [await createInferenceSession(path)]);
 * const faces = (await detector.detect(frame)) as YunetDetections; // faces.landmarks: 10 per face
 */
export function createYunetDetector(entry: ModelEntry, sessions: readonly InferenceSession[]): Detector {
  const [, , height, width] = entry.input.shape;
  const [locName, confName, iouName] = entry.outputs;
  const priors = createYunetPriors(width, height);
  return createEntryDetector<YunetDetections>(entry, sessions, {
    inputFormat: { width, height, layout: 'gbrp', fit: 'stretch', padValue: 0 },
    toInput: (frame, reuse) => toYunetInput(frame, width, height, reuse),
    decode: (output, { frame, toSource, scoreThreshold }) => decodeYunet(output[locName], output[confName], output[iouName], {
      priors, inputWidth: width, inputHeight: height, scoreThreshold, label: entry.labels[0], toSource, sourceWidth: frame.sourceWidth, sourceHeight: frame.sourceHeight,
    }),
  });
}
