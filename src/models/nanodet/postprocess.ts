import type { Detections } from '../../core/detections';
import { bestClass, createBoxCollector } from '../yolo/box-collector';
import { YoloOutputMismatch, type YoloDecodeOptions, type YoloTensor } from '../yolo/yolo-decode-options';

/** One NanoDet head level: class scores `[1, cells, classes]` and box distributions `[1, cells, 4·(regMax+1)]`. */
export interface NanodetLevel {
  stride: number;
  cls: YoloTensor;
  dis: YoloTensor;
}

/** Options of {@link decodeNanodet}. */
export interface NanodetDecodeOptions extends YoloDecodeOptions {
  /** Largest distance bin: each side is a distribution over 0..regMax strides (default 7, so 8 bins). */
  regMax?: number;
}

/** Checks a level tensor is `[1, rows, cols]` (leading 1s optional: exports differ in keeping the batch axis). */
function levelMatrix(t: YoloTensor | undefined, what: string, rows: number, cols: number): void {
  if (!t) throw new YoloOutputMismatch(`nanodet ${what} output is missing`);
  const d = t.dims;
  const ok = d.length >= 2 && d.slice(0, -2).every((x) => x === 1) && d[d.length - 2] === rows && d[d.length - 1] === cols && t.data.length === rows * cols;
  if (!ok) throw new YoloOutputMismatch(`nanodet ${what} output is [${d.join(', ')}]; [1, ${rows}, ${cols}] expected`);
}

/**
 * Expected distance (in strides) of one side: softmax over its `bins` logits, then Σ p·k. This is
 * GFL's "integral" — the head predicts a distribution, not a distance.
 */
function integral(data: Float32Array, start: number, bins: number): number {
  let max = -Infinity;
  for (let k = 0; k < bins; k++) max = Math.max(max, data[start + k]);
  let sum = 0;
  let weighted = 0;
  for (let k = 0; k < bins; k++) {
    const e = Math.exp(data[start + k] - max); // shifted by the max: no overflow on large logits
    sum += e;
    weighted += e * k;
  }
  return weighted / sum;
}

/**
 * Decodes a NanoDet (v0.x, GFL head) export into source-pixel boxes. Per level of stride s, cell
 * (x, y) in row-major order has its centre prior at ((x + 0.5)·s, (y + 0.5)·s) — the convention of
 * NanoDet's own GFL head and C++ demo (NanoDet-Plus moved to x·s; this export predates it). Each of
 * left, top, right, bottom is the expectation of a softmax over regMax + 1 bins, times s. The class
 * scores already went through a sigmoid in the export; score = best class, then class-wise NMS.
 *
 * @example
 * const d = decodeNanodet([{ stride: 8, cls, dis }, …], { inputWidth: 320, inputHeight: 320, labels, scoreThreshold: 0.35, toSource, sourceWidth: 640, sourceHeight: 480 });
 */
export function decodeNanodet(levels: readonly NanodetLevel[], options: NanodetDecodeOptions): Detections {
  const numClasses = options.labels.length;
  const bins = (options.regMax ?? 7) + 1;
  const boxes = createBoxCollector(options);
  const W = options.inputWidth;
  const H = options.inputHeight;
  for (const { stride: s, cls, dis } of levels) {
    const gw = Math.ceil(W / s);
    const gh = Math.ceil(H / s);
    levelMatrix(cls, `stride ${s} class`, gw * gh, numClasses);
    levelMatrix(dis, `stride ${s} distance`, gw * gh, 4 * bins);
    for (let gy = 0, a = 0; gy < gh; gy++) {
      for (let gx = 0; gx < gw; gx++, a++) {
        const [best, score] = bestClass(cls.data, a * numClasses, numClasses);
        if (score < options.scoreThreshold) continue; // most cells: skip the four softmaxes
        const o = a * 4 * bins;
        const cx = (gx + 0.5) * s;
        const cy = (gy + 0.5) * s;
        // Clip to the input first, as NanoDet does: a box past the tensor edge is past the image.
        const x1 = Math.max(cx - integral(dis.data, o, bins) * s, 0);
        const y1 = Math.max(cy - integral(dis.data, o + bins, bins) * s, 0);
        const x2 = Math.min(cx + integral(dis.data, o + 2 * bins, bins) * s, W);
        const y2 = Math.min(cy + integral(dis.data, o + 3 * bins, bins) * s, H);
        boxes.add((x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1, score, best);
      }
    }
  }
  return boxes.finish();
}
