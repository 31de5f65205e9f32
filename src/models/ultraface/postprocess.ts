import type { Detections } from '../../core/detections';
import { emptyDetections } from '../../core/detections';
import type { BufferToSource } from '../../core/frame';
import { nmsClassWise } from '../../grounding/nms';
import type { FloatTensor } from '../runtime/tensor';

/** Options of {@link decodeUltraface}. */
export interface UltrafaceDecodeOptions {
  /** Model input size in pixels (the boxes are fractions of it). */
  inputWidth: number;
  inputHeight: number;
  /** Faces with a face probability below this are dropped (the authors' demos use 0.7). */
  scoreThreshold: number;
  /** NMS IoU: a face overlapping a kept, higher-scoring face by more than this is dropped (default 0.3, as the reference). */
  iouThreshold?: number;
  /**
   * Only the highest-scoring candidates enter NMS (default 1500, the authors' `detect_imgs.py`;
   * their ONNX demo's 200 would cap a crowd at about 100 faces).
   */
  candidateSize?: number;
  /** Upper bound on faces returned (default: no bound, as the reference's top_k = −1). */
  maxDetections?: number;
  /** Label of class 0 (default 'face'). */
  label?: string;
  /** Tensor pixel → source pixel, as the preprocessing stretched the frame. */
  toSource: BufferToSource;
  /** Source frame size, to clip boxes. */
  sourceWidth: number;
  sourceHeight: number;
}

/** The rows of a `[1, rows, cols]` (or `[rows, cols]`) output, after checking its shape. */
function rowsOf(t: FloatTensor, name: string, cols: number): number {
  const d = t.dims;
  if (d.length < 2 || d[d.length - 1] !== cols || d.slice(0, -2).some((x) => x !== 1)) {
    throw new Error(`ultraface output "${name}" must be [1, anchors, ${cols}], got [${d.join(', ')}]`);
  }
  return d[d.length - 2];
}

/**
 * Decodes UltraFace (RFB-320 / slim) outputs into face boxes in source pixels. The exported graph
 * already applies the softmax and the SSD prior decode: `scores` is `[1, N, 2]` (background, face)
 * and `boxes` is `[1, N, 4]` corners x1, y1, x2, y2 as fractions of the input. Score = face
 * probability; then greedy NMS at IoU 0.3 over the top `candidateSize` faces, as the authors'
 * `predict` / `hard_nms`, and boxes clipped to the frame only after NMS (the reference suppresses
 * on unclipped boxes). Every face gets label 'face', class 0.
 *
 * @example
 * const faces = decodeUltraface(out.scores, out.boxes, { inputWidth: 320, inputHeight: 240, scoreThreshold: 0.7, toSource, sourceWidth: 720, sourceHeight: 478 });
 */
export function decodeUltraface(scores: FloatTensor, boxes: FloatTensor, options: UltrafaceDecodeOptions): Detections {
  const n = rowsOf(scores, 'scores', 2);
  if (rowsOf(boxes, 'boxes', 4) !== n) {
    throw new Error(`ultraface outputs disagree: ${n} scores, ${boxes.data.length / 4} boxes`);
  }
  const { inputWidth: W, inputHeight: H, toSource: t } = options;
  const xyxy: number[] = [];
  const score: number[] = [];
  const s = scores.data;
  const b = boxes.data;
  for (let i = 0; i < n; i++) {
    const p = s[i * 2 + 1];
    if (!(p >= options.scoreThreshold)) continue;
    // Fraction of the input → tensor pixel → source pixel (per axis: the input is stretched).
    xyxy.push(
      (b[i * 4] * W - t.offsetX) / t.scaleX,
      (b[i * 4 + 1] * H - t.offsetY) / t.scaleY,
      (b[i * 4 + 2] * W - t.offsetX) / t.scaleX,
      (b[i * 4 + 3] * H - t.offsetY) / t.scaleY,
    );
    score.push(p);
  }
  return suppressAndClip(xyxy, score, options);
}

/** Top candidates → NMS → kept boxes clipped to the frame, as Detections of one class. */
function suppressAndClip(xyxy: number[], score: number[], options: UltrafaceDecodeOptions): Detections {
  if (score.length === 0) return emptyDetections();
  const candidates = topIndices(score, options.candidateSize ?? 1500);
  const boxes = new Float32Array(candidates.length * 4);
  const scores = new Float32Array(candidates.length);
  candidates.forEach((i, k) => {
    boxes.set(xyxy.slice(i * 4, i * 4 + 4), k * 4);
    scores[k] = score[i];
  });
  const kept = nmsClassWise(boxes, scores, new Int32Array(candidates.length), {
    iouThreshold: options.iouThreshold ?? 0.3,
    maxDetections: options.maxDetections,
  });
  const out: Detections = {
    xyxy: new Float32Array(kept.length * 4),
    score: new Float32Array(kept.length),
    classId: new Int32Array(kept.length),
    label: new Array<string>(kept.length).fill(options.label ?? 'face'),
  };
  const clip = (v: number, max: number): number => Math.min(Math.max(v, 0), max);
  kept.forEach((i, k) => {
    out.xyxy[k * 4] = clip(boxes[i * 4], options.sourceWidth);
    out.xyxy[k * 4 + 1] = clip(boxes[i * 4 + 1], options.sourceHeight);
    out.xyxy[k * 4 + 2] = clip(boxes[i * 4 + 2], options.sourceWidth);
    out.xyxy[k * 4 + 3] = clip(boxes[i * 4 + 3], options.sourceHeight);
    out.score[k] = scores[i];
  });
  return out;
}

/** Indices of the `k` highest scores (all of them, in order, when there are no more than `k`). */
function topIndices(score: readonly number[], k: number): number[] {
  const all = score.map((_, i) => i);
  if (all.length <= k) return all;
  return all.sort((a, b) => score[b] - score[a]).slice(0, k);
}
