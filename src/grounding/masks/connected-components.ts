import type { RleMask } from '../../core/events';
import { GroundstreamError } from '../../core/errors';
import type { ClassMap } from './class-map';
import { runsToRle } from './rle-runs';

/** One connected region of a class. */
export interface ClassComponent {
  /** Bounding box, xyxy pixels (pixel-corner convention: a single pixel (3, 4) is [3, 4, 4, 5]). */
  xyxy: [number, number, number, number];
  /** Pixel count. */
  areaPx: number;
  /** The component alone, as an RLE over the whole class map. */
  rle: RleMask;
}

/** Options of {@link connectedComponents}. */
export interface ConnectedComponentsOptions {
  /**
   * 8 (default, as OpenCV's connectedComponents): pixels touching at a corner are one region, so a
   * thin diagonal lane mark or curb stays one object. 4: only edge neighbours join.
   */
  connectivity?: 4 | 8;
}

/**
 * Splits the pixels of one class into connected regions, each with its box, area and RLE: objects
 * for classes no detector covers (road, curb, sofa…). Regions under `minAreaPx` pixels are dropped
 * (segmentation speckle); the rest come largest first, ties in raster order.
 *
 * @example
 * const roads = connectedComponents(semantic, semantic.labels.indexOf('road'), 500);
 * roads[0].xyxy; // [0, 212, 896, 512]
 */
export function connectedComponents(semantic: ClassMap, classIndex: number, minAreaPx = 0, options: ConnectedComponentsOptions = {}): ClassComponent[] {
  const { width: w, height: h, classes } = semantic;
  const connectivity = options.connectivity ?? 8;
  if (classes.length !== w * h) {
    throw new GroundstreamError('invalid_argument', 'classes', `class map of length ${classes.length} does not match ${w}×${h}`);
  }
  if (connectivity !== 4 && connectivity !== 8) throw new GroundstreamError('invalid_argument', 'connectivity', `connectivity must be 4 or 8, got ${String(connectivity)}`);

  // Label by flood fill in raster order, gathering each region's box and area on the way.
  const labels = new Int32Array(w * h).fill(-1);
  const stack = new Int32Array(w * h);
  const boxes: number[] = [];
  const areas: number[] = [];
  let count = 0;
  for (let start = 0; start < w * h; start++) {
    if (classes[start] !== classIndex || labels[start] >= 0) continue;
    let x0 = w, y0 = h, x1 = -1, y1 = -1, area = 0;
    labels[start] = count;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const p = stack[--top];
      const px = p % w;
      const py = (p - px) / w;
      area++;
      if (px < x0) x0 = px;
      if (px > x1) x1 = px;
      if (py < y0) y0 = py;
      if (py > y1) y1 = py;
      for (let dy = -1; dy <= 1; dy++) {
        const y = py + dy;
        if (y < 0 || y >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (connectivity === 4 && dx !== 0 && dy !== 0)) continue;
          const x = px + dx;
          if (x < 0 || x >= w) continue;
          const q = y * w + x;
          if (classes[q] === classIndex && labels[q] < 0) {
            labels[q] = count;
            stack[top++] = q;
          }
        }
      }
    }
    boxes.push(x0, y0, x1 + 1, y1 + 1);
    areas.push(area);
    count++;
  }

  const keep = Array.from({ length: count }, (_, i) => i).filter((i) => areas[i] >= minAreaPx);
  if (keep.length === 0) return [];
  const kept = new Int32Array(count).fill(-1);
  keep.forEach((c, k) => { kept[c] = k; });

  // One column-major pass writes every kept region's runs: a region's next run either continues
  // its last one (contiguous in column-major order, e.g. across a column boundary) or follows a gap.
  const counts: number[][] = keep.map(() => []);
  const lastEnd = new Float64Array(keep.length);
  for (let x = 0; x < w; x++) {
    let y = 0;
    while (y < h) {
      const label = labels[y * w + x];
      let end = y + 1;
      while (end < h && labels[end * w + x] === label) end++;
      const k = label >= 0 ? kept[label] : -1;
      if (k >= 0) {
        const p = x * h + y;
        const c = counts[k];
        if (c.length > 0 && lastEnd[k] === p) c[c.length - 1] += end - y;
        else c.push(p - lastEnd[k], end - y);
        lastEnd[k] = x * h + end;
      }
      y = end;
    }
  }

  const out = keep.map((c, k): ClassComponent => {
    counts[k].push(w * h - lastEnd[k]);
    // A region ending at the last pixel leaves an empty final run, which pycocotools never writes.
    if (counts[k][counts[k].length - 1] === 0) counts[k].pop();
    return {
      xyxy: [boxes[c * 4], boxes[c * 4 + 1], boxes[c * 4 + 2], boxes[c * 4 + 3]],
      areaPx: areas[c],
      rle: runsToRle(counts[k], h, w),
    };
  });
  // Array.prototype.sort is stable, so equal areas keep raster order.
  return out.sort((a, b) => b.areaPx - a.areaPx);
}
