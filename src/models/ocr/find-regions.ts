import type { Point } from './point';

/** One 8-connected region of a thresholded map. */
export interface MapRegion {
  /** The ends of each horizontal run of the region, as pixel centres: enough for its convex hull. */
  outline: Point[];
  pixelCount: number;
}

/**
 * The 8-connected regions of `map > threshold` (what OpenCV's findContours sees on DB's bitmap),
 * found run by run: each row's runs join the runs of the row above that touch them, diagonally
 * included. Holes are not regions (findContours with RETR_LIST would also trace them and may give
 * a second box inside a first). Regions come in scan order of their first pixel, at most
 * `maxRegions` of them.
 *
 * @example
 * const regions = findRegions(prob, 240, 160, 0.3); // regions[0].outline: [[x0 + 0.5, y + 0.5], [x1 + 0.5, y + 0.5], …]
 */
export function findRegions(map: ArrayLike<number>, width: number, height: number, threshold: number, maxRegions = Infinity): MapRegion[] {
  const runY: number[] = [];
  const runX0: number[] = [];
  const runX1: number[] = [];
  const parent: number[] = [];
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    // The older run stays the root, so a region keeps the scan position of its first pixel.
    if (ra < rb) parent[rb] = ra;
    else if (rb < ra) parent[ra] = rb;
  };
  let prevStart = 0;
  let prevEnd = 0;
  for (let y = 0; y < height; y++) {
    const rowStart = runY.length;
    const row = y * width;
    let x = 0;
    let k = prevStart;
    while (x < width) {
      if (!(map[row + x] > threshold)) { x++; continue; }
      const x0 = x;
      while (x < width && map[row + x] > threshold) x++;
      const x1 = x - 1;
      const id = runY.length;
      runY.push(y); runX0.push(x0); runX1.push(x1); parent.push(id);
      // Runs above are sorted by x; skip the ones that end before this run's left neighbour.
      while (k < prevEnd && runX1[k] < x0 - 1) k++;
      for (let j = k; j < prevEnd && runX0[j] <= x1 + 1; j++) union(id, j);
    }
    prevStart = rowStart;
    prevEnd = runY.length;
  }
  const byRoot = new Map<number, MapRegion>();
  const regions: MapRegion[] = [];
  for (let i = 0; i < runY.length; i++) {
    const root = find(i);
    let r = byRoot.get(root);
    if (!r) {
      if (regions.length >= maxRegions) continue;
      r = { outline: [], pixelCount: 0 };
      byRoot.set(root, r);
      regions.push(r);
    }
    const cy = runY[i] + 0.5;
    r.outline.push([runX0[i] + 0.5, cy]);
    if (runX1[i] !== runX0[i]) r.outline.push([runX1[i] + 0.5, cy]);
    r.pixelCount += runX1[i] - runX0[i] + 1;
  }
  return regions;
}
