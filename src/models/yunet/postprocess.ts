import type { Detections } from '../../core/detections';
import type { BufferToSource } from '../../core/frame';
import { nmsClassWise } from '../../grounding/nms';
import type { FloatTensor } from '../runtime/tensor';

/** Box-centre variance and box-size variances of YuNet's prior encoding. */
const CENTER_VARIANCE = 0.1;
/**
 * Width and height use different variances: every reference (libfacedetection's priorbox.py,
 * OpenCV zoo's yunet.py, OpenCV's FaceDetectorYN) multiplies loc[2:4] by [0.1, 0.2] element-wise.
 */
const WIDTH_VARIANCE = 0.1;
const HEIGHT_VARIANCE = 0.2;

/** Names of the five landmarks, in the order `loc` (and {@link YunetDetections.landmarks}) holds them. */
export const YUNET_LANDMARKS = Object.freeze(['right eye', 'left eye', 'nose tip', 'right mouth corner', 'left mouth corner'] as const);

/**
 * Faces with their five landmarks: face `i` has x, y pairs `landmarks[10i..10i+9]` in source
 * pixels, in {@link YUNET_LANDMARKS} order (not clipped: a landmark may lie outside the frame).
 * They ride beside the boxes rather than in `polygon`, which events define as a region's outline;
 * code that re-selects detections (`selectDetections`) does not carry them.
 */
export interface YunetDetections extends Detections {
  landmarks: Float32Array;
}

/** Options of {@link decodeYunet}. */
export interface YunetDecodeOptions {
  /** Priors of the input size, from `createYunetPriors(width, height)`. */
  priors: Float32Array;
  /** Model input size in pixels (the priors are fractions of it). */
  inputWidth: number;
  inputHeight: number;
  /** Faces scoring below this are dropped (the references use 0.6). */
  scoreThreshold: number;
  /** NMS IoU (default 0.3, as the references). */
  iouThreshold?: number;
  /** Only the highest-scoring candidates enter NMS (default 5000, the references' top_k). */
  candidateSize?: number;
  /** Upper bound on faces returned (default 750, the references' keep_top_k). */
  maxDetections?: number;
  /** Label of class 0 (default 'face'). */
  label?: string;
  /** Tensor pixel → source pixel, as the preprocessing stretched the frame. */
  toSource: BufferToSource;
  /** Source frame size, to clip boxes. */
  sourceWidth: number;
  sourceHeight: number;
}

/** The rows of a `[rows, cols]` (or `[1, rows, cols]`) output, after checking its shape. */
function rowsOf(t: FloatTensor, name: string, cols: number, rows: number): void {
  const d = t.dims;
  if (d.length < 2 || d[d.length - 1] !== cols || d[d.length - 2] !== rows || d.slice(0, -2).some((x) => x !== 1)) {
    throw new Error(`yunet output "${name}" must be [${rows}, ${cols}] (one row per prior), got [${d.join(', ')}]`);
  }
}

/**
 * Decodes the old YuNet export (outputs `loc` [N, 14], `conf` [N, 2], `iou` [N, 1]; N priors from
 * {@link createYunetPriors}) into faces in source pixels, as OpenCV zoo's yunet.py: score =
 * √(conf[:, 1] · clip(iou, 0, 1)); centre = prior centre + loc[0:2] · 0.1 · prior size; width =
 * prior w · exp(loc[2] · 0.1), height = prior h · exp(loc[3] · 0.2); landmark k = prior centre +
 * loc[4+2k : 6+2k] · 0.1 · prior size. Then NMS at IoU 0.3 over the top 5000, at most 750 kept,
 * boxes clipped to the frame after NMS. Every face gets label 'face', class 0.
 *
 * @example
 * const priors = createYunetPriors(160, 120);
 * const faces = decodeYunet(out.loc, out.conf, out.iou, { priors, inputWidth: 160, inputHeight: 120, scoreThreshold: 0.6, toSource, sourceWidth: 720, sourceHeight: 478 });
 * faces.landmarks.subarray(0, 2) // right eye of the best face
 */
export function decodeYunet(loc: FloatTensor, conf: FloatTensor, iou: FloatTensor, options: YunetDecodeOptions): YunetDetections {
  const n = options.priors.length / 4;
  rowsOf(loc, 'loc', 14, n);
  rowsOf(conf, 'conf', 2, n);
  rowsOf(iou, 'iou', 1, n);
  const { priors: p, inputWidth: W, inputHeight: H, toSource: t } = options;
  // Fraction of the input → tensor pixel → source pixel, per axis (the input is stretched).
  const sx = (f: number): number => (f * W - t.offsetX) / t.scaleX;
  const sy = (f: number): number => (f * H - t.offsetY) / t.scaleY;
  const l = loc.data;
  const xyxy: number[] = [];
  const score: number[] = [];
  const marks: number[] = [];
  for (let i = 0; i < n; i++) {
    const iouScore = Math.min(Math.max(iou.data[i], 0), 1);
    const s = Math.sqrt(conf.data[i * 2 + 1] * iouScore);
    if (!(s >= options.scoreThreshold)) continue;
    const [px, py, pw, ph] = [p[i * 4], p[i * 4 + 1], p[i * 4 + 2], p[i * 4 + 3]];
    const o = i * 14;
    const cx = px + l[o] * CENTER_VARIANCE * pw;
    const cy = py + l[o + 1] * CENTER_VARIANCE * ph;
    const w = pw * Math.exp(l[o + 2] * WIDTH_VARIANCE);
    const h = ph * Math.exp(l[o + 3] * HEIGHT_VARIANCE);
    xyxy.push(sx(cx - w / 2), sy(cy - h / 2), sx(cx + w / 2), sy(cy + h / 2));
    for (let k = 0; k < 5; k++) {
      marks.push(sx(px + l[o + 4 + 2 * k] * CENTER_VARIANCE * pw), sy(py + l[o + 5 + 2 * k] * CENTER_VARIANCE * ph));
    }
    score.push(s);
  }
  return suppressAndClip(xyxy, score, marks, options);
}

/** Top candidates → NMS → kept faces (boxes clipped to the frame) with their landmarks. */
function suppressAndClip(xyxy: number[], score: number[], marks: number[], options: YunetDecodeOptions): YunetDetections {
  const candidates = topIndices(score, options.candidateSize ?? 5000);
  const boxes = new Float32Array(candidates.length * 4);
  const scores = new Float32Array(candidates.length);
  candidates.forEach((i, k) => {
    boxes.set(xyxy.slice(i * 4, i * 4 + 4), k * 4);
    scores[k] = score[i];
  });
  const kept = nmsClassWise(boxes, scores, new Int32Array(candidates.length), {
    iouThreshold: options.iouThreshold ?? 0.3,
    maxDetections: options.maxDetections ?? 750,
  });
  const out: YunetDetections = {
    xyxy: new Float32Array(kept.length * 4),
    score: new Float32Array(kept.length),
    classId: new Int32Array(kept.length),
    label: new Array<string>(kept.length).fill(options.label ?? 'face'),
    landmarks: new Float32Array(kept.length * 10),
  };
  const clip = (v: number, max: number): number => Math.min(Math.max(v, 0), max);
  kept.forEach((i, k) => {
    out.xyxy[k * 4] = clip(boxes[i * 4], options.sourceWidth);
    out.xyxy[k * 4 + 1] = clip(boxes[i * 4 + 1], options.sourceHeight);
    out.xyxy[k * 4 + 2] = clip(boxes[i * 4 + 2], options.sourceWidth);
    out.xyxy[k * 4 + 3] = clip(boxes[i * 4 + 3], options.sourceHeight);
    out.score[k] = scores[i];
    const c = candidates[i];
    out.landmarks.set(marks.slice(c * 10, c * 10 + 10), k * 10);
  });
  return out;
}

/** Indices of the `k` highest scores (all of them, in order, when there are no more than `k`). */
function topIndices(score: readonly number[], k: number): number[] {
  const all = score.map((_, i) => i);
  if (all.length <= k) return all;
  return all.sort((a, b) => score[b] - score[a]).slice(0, k);
}
