import type { ModelEntry } from '../../../models/catalog';
import { GroundstreamError } from '../../core/errors';
import type { Frame } from '../../core/frame';
import type { InferenceSession } from '../runtime/create-inference-session';
import { createSessionPool } from '../runtime/create-session-pool';
import type { SemanticMask, Segmenter } from '../segmenter';
import { decodeClassLogits } from './postprocess';
import { segmenterInputSpec, toSegmenterInput } from './preprocess';

/**
 * A segmenter for any model whose catalog entry gives its input and whose one output is NHWC class
 * scores `[1, H, W, labels.length]`: resize and normalise → run → argmax → nearest back to the
 * source. Calls are spread over the sessions, so `sessions.length` frames in flight use them all.
 *
 * @example
 * const seg = createNhwcSegmenter(entry, [session], 'createRoadSegmenter');
 */
export function createNhwcSegmenter(entry: ModelEntry, sessions: readonly InferenceSession[], factory: string): Segmenter {
  if (sessions.length === 0) throw new GroundstreamError('invalid_argument', entry.id, `${factory} needs at least one session`);
  if (entry.task !== 'semantic-segmentation') {
    throw new GroundstreamError('invalid_argument', entry.id, `${factory} takes a semantic-segmentation model, "${entry.id}" is ${entry.task}`);
  }
  const input = segmenterInputSpec(entry.input);
  const outputName = entry.outputs[0];
  const pool = createSessionPool(sessions);
  return {
    id: entry.id,
    version: entry.sha256,
    labels: entry.labels,
    async segment(frame: Frame): Promise<SemanticMask> {
      const t = toSegmenterInput(frame, input);
      const out = await pool.run({ [entry.input.name]: { data: t.data, dims: t.dims } }, { giveInputs: true });
      const scores = out[outputName];
      if (!scores) throw new GroundstreamError('model_input_mismatch', entry.id, `model "${entry.id}" gave no output "${outputName}" (it has ${Object.keys(out).join(', ')})`);
      return decodeClassLogits(scores, { labels: entry.labels, toSource: t.toSource, sourceWidth: frame.sourceWidth, sourceHeight: frame.sourceHeight });
    },
    async dispose() {
      await pool.dispose();
    },
  };
}

/**
 * DeepLabV3 (MobileNetV2, PASCAL VOC 21 classes, `deeplab-v3-mnv2-257`): every frame is stretched
 * to 257×257 RGB scaled to −1..1, and the 21 logits per pixel become a class map at source size.
 *
 * @example
 * const entry = findModelEntry('deeplab-v3-mnv2-257')!;
 * const seg = createDeeplabSegmenter(entry, [await createInferenceSession(path)]);
 * const mask = await seg.segment(frame); // mask.labels[mask.classes[i]] === 'person'
 */
export function createDeeplabSegmenter(entry: ModelEntry, sessions: readonly InferenceSession[]): Segmenter {
  return createNhwcSegmenter(entry, sessions, 'createDeeplabSegmenter');
}
