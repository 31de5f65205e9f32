import { GroundstreamError } from '../core/errors';
import { describeCrs, fromWgs84, type Crs } from './crs';
import { crsToPixel, pixelToCrs, type GeoTransform } from './geotransform';
import type { PixelWindow } from './tile-grid';

/** `[west, south, east, north]` in WGS 84 degrees, or `[xmin, ymin, xmax, ymax]` in the scene's CRS. */
export type Bbox = readonly [number, number, number, number];

/** The scene a bbox is placed in. */
export interface BboxScene {
  width: number;
  height: number;
  geotransform?: GeoTransform;
  crs?: Crs;
  /** The scene's own WGS 84 bbox, quoted when a bbox misses the scene. */
  bboxWgs84?: readonly number[];
}

/** Options of {@link bboxToWindow}. */
export interface BboxToWindowOptions {
  /** Units of the bbox: WGS 84 degrees (default) or the scene's CRS. */
  bboxCrs?: 'wgs84' | 'native';
  /** Points per bbox edge transformed, corners included, since a projection bends straight lines (default 21). */
  edgePoints?: number;
}

const fmt = (b: readonly number[]): string => `[${b.map((v) => +v.toFixed(7)).join(', ')}]`;

/**
 * The scene pixel window covering a bbox, clipped to the scene: points along the bbox edges go to
 * the scene CRS (proj4, for a WGS 84 bbox) and through the inverse geotransform (rotated rasters
 * included); the window is the pixel hull of the resulting points, rounded outwards. Throws
 * `invalid_argument` for a malformed bbox, an ungeoreferenced scene, or a bbox that misses the
 * scene (naming both bboxes).
 *
 * @example
 * bboxToWindow([-34.9, -8.0, -34.85, -7.96], { width: 349, height: 352, geotransform, crs }) // → { x0: 57, y0: 35, x1: 233, y1: 211 } (about)
 */
export function bboxToWindow(bbox: Bbox, scene: BboxScene, options: BboxToWindowOptions = {}): PixelWindow {
  const crsName = options.bboxCrs ?? 'wgs84';
  const input = fmt(bbox);
  if (bbox.length !== 4 || !bbox.every(Number.isFinite)) throw new GroundstreamError('invalid_argument', input, `bbox ${input} must be four finite numbers`);
  const [w, s, e, n] = bbox;
  if (!(w < e) || !(s < n)) {
    throw new GroundstreamError('invalid_argument', input, `bbox ${input} must be ${crsName === 'wgs84' ? 'west,south,east,north with west < east and south < north' : 'xmin,ymin,xmax,ymax with min < max'}`);
  }
  if (crsName === 'wgs84' && (w < -180 || e > 180 || s < -90 || n > 90)) {
    throw new GroundstreamError('invalid_argument', input, `bbox ${input} is not in WGS 84 degrees (lon in [-180, 180], lat in [-90, 90]); use --bbox-crs native for scene CRS units`);
  }
  const { geotransform, crs } = scene;
  if (!geotransform || (crsName === 'wgs84' && !crs)) {
    throw new GroundstreamError('invalid_argument', input, `bbox ${input} cannot be placed: the scene has no ${geotransform ? 'CRS' : 'geotransform'}`);
  }
  const k = Math.max(2, Math.floor(options.edgePoints ?? 21));
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < k; i++) {
    const t = i / (k - 1);
    for (const [u, v] of [[w + t * (e - w), s], [w + t * (e - w), n], [w, s + t * (n - s)], [e, s + t * (n - s)]]) {
      let cx = u, cy = v;
      if (crsName === 'wgs84') {
        try {
          [cx, cy] = fromWgs84(crs!, u, v);
        } catch {
          continue; // a point outside the projection's domain: the others still bound the window
        }
      }
      const [px, py] = crsToPixel(geotransform, cx, cy);
      x0 = Math.min(x0, px); y0 = Math.min(y0, py); x1 = Math.max(x1, px); y1 = Math.max(y1, py);
    }
  }
  const window = {
    x0: Math.max(0, Math.floor(x0)),
    y0: Math.max(0, Math.floor(y0)),
    x1: Math.min(scene.width, Math.ceil(x1)),
    y1: Math.min(scene.height, Math.ceil(y1)),
  };
  if (!(x0 <= x1) || window.x0 >= window.x1 || window.y0 >= window.y1) {
    const own = scene.bboxWgs84?.length === 4 ? `WGS 84 bbox ${fmt(scene.bboxWgs84)}` : 'bbox unknown in WGS 84';
    const native = nativeBboxOf(scene.width, scene.height, geotransform);
    throw new GroundstreamError(
      'invalid_argument',
      input,
      `bbox ${input} (${crsName === 'wgs84' ? 'WGS 84' : `native ${crs ? describeCrs(crs) : 'CRS'}`}) lies outside the scene: its ${own}, native bbox ${fmt(native)}`,
    );
  }
  return window;
}

/** The scene's bbox in its CRS units. */
function nativeBboxOf(width: number, height: number, gt: GeoTransform): number[] {
  const c = [pixelToCrs(gt, 0, 0), pixelToCrs(gt, width, 0), pixelToCrs(gt, 0, height), pixelToCrs(gt, width, height)];
  return [Math.min(...c.map((p) => p[0])), Math.min(...c.map((p) => p[1])), Math.max(...c.map((p) => p[0])), Math.max(...c.map((p) => p[1]))];
}
