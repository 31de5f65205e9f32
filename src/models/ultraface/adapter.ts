import type { ModelEntry } from '../../../models/catalog';
import type { Detections } from '../../core/detections';
import type { Frame } from '../../core/frame';
import type { DetectOptions, Detector } from '../detector';
import type { InferenceSession } from '../runtime/create-inference-session';
import { createSessionPool } from '../runtime/create-session-pool';
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
  if (sessions.length === 0) throw new Error('createUltrafaceDetector needs at least one session');
  const [, , height, width] = entry.input.shape;
  const [scoresName, boxesName] = entry.outputs;
  const pool = createSessionPool(sessions);

  return {
    id: entry.id,
    version: entry.sha256,
    labels: entry.labels,
    inputFormat: { width, height, layout: 'rgb24', fit: 'stretch', padValue: 0 },
    defaultScoreThreshold: entry.defaultScoreThreshold,
    domain: entry.domain,
    async detect(frame: Frame, options: DetectOptions = {}): Promise<Detections> {
      const input = toUltrafaceInput(frame, width, height);
      const output = await pool.run({ [entry.input.name]: { data: input.data, dims: input.dims } }, { giveInputs: true });
      const scores = output[scoresName];
      const boxes = output[boxesName];
      if (!scores || !boxes) throw new Error(`model "${entry.id}" must output ${scoresName} and ${boxesName}; got ${Object.keys(output).join(', ')}`);
      return decodeUltraface(scores, boxes, {
        inputWidth: width,
        inputHeight: height,
        scoreThreshold: options.scoreThreshold ?? entry.defaultScoreThreshold,
        label: entry.labels[0],
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
