import type { RasterInfo } from './raster-info';

/**
 * The coarsest image whose ground sample distance is still ≤ `targetGsdM`: 0 for full resolution,
 * else an overview level. Full resolution when the raster has no known GSD.
 *
 * @example chooseOverview({ width: 1024, gsdM: 0.6, overviews: [{ level: 1, width: 512, height: 512 }] }, 1.5) // → 1
 */
export function chooseOverview(info: Pick<RasterInfo, 'width' | 'gsdM' | 'overviews'>, targetGsdM: number): number {
  if (info.gsdM === undefined || !(targetGsdM > 0)) return 0;
  let best = 0;
  for (const o of info.overviews) {
    const gsdM = info.gsdM * (info.width / o.width);
    // a hair of slack: 512 px of a 1024 px scene is exactly 2× even when stored GSDs round
    if (gsdM <= targetGsdM * (1 + 1e-9)) best = o.level;
  }
  return best;
}
