import type { ModelEntry } from '../../../models/catalog';
import type { Detector } from '../detector';
import type { InferenceSession } from '../runtime/create-inference-session';
import { createEntryDetector } from '../create-entry-detector';
import { decodeNanodet, type NanodetLevel } from './postprocess';
import { toNanodetInput } from './preprocess';

/** Strides of the entry's head, read from its output names `cls_pred_stride_N` / `dis_pred_stride_N`. */
function headStrides(entry: ModelEntry): number[] {
  const strides = entry.outputs.flatMap((name) => /^cls_pred_stride_(\d+)$/.exec(name)?.[1] ?? []).map(Number);
  const missing = strides.filter((s) => !entry.outputs.includes(`dis_pred_stride_${s}`));
  if (strides.length === 0 || missing.length > 0) {
    throw new Error(`${entry.id}: NanoDet outputs must pair cls_pred_stride_N with dis_pred_stride_N; got ${entry.outputs.join(', ')}`);
  }
  return strides;
}

/**
 * A NanoDet detector over one or more sessions of the same model. Calls are spread over the
 * sessions, so a caller that keeps `sessions.length` frames in flight uses them all. Its
 * `inputFormat` asks sources for planar frames stretched to the model size.
 *
 * @example
 * const entry = findModelEntry('nanodet-m-320')!;
 * const detector = createNanodetDetector(entry, [await createInferenceSession(path)]);
 * const detections = await detector.detect(frame);
 */
export function createNanodetDetector(entry: ModelEntry, sessions: readonly InferenceSession[]): Detector {
  const height = entry.input.shape[2];
  const width = entry.input.shape[3];
  const strides = headStrides(entry);
  return createEntryDetector(entry, sessions, {
    inputFormat: { width, height, layout: 'gbrp', fit: 'stretch', padValue: 0 },
    toInput: (frame, reuse) => toNanodetInput(frame, width, height, reuse),
    decode: (output, { frame, toSource, scoreThreshold }) => {
      const levels: NanodetLevel[] = strides.map((stride) => ({ stride, cls: output[`cls_pred_stride_${stride}`], dis: output[`dis_pred_stride_${stride}`] }));
      return decodeNanodet(levels, {
        inputWidth: width, inputHeight: height, scoreThreshold, labels: entry.labels, toSource, sourceWidth: frame.sourceWidth, sourceHeight: frame.sourceHeight,
      });
    },
  });
}
