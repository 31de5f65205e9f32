import { tryToWgs84, type Crs, type LonLat } from './crs';
import { pixelToCrs, type GeoTransform } from './geotransform';

export type CornerName = 'upperLeft' | 'upperRight' | 'lowerLeft' | 'lowerRight' | 'center';

/** WGS 84 corners and centre of a scene; a point that cannot be transformed is null with a reason. */
export type SceneCorners = Record<CornerName, LonLat | null> & {
  /** Why a point is null, by name; empty when all are numbers. */
  reasons: Partial<Record<CornerName, string>>;
};

/** What {@link sceneCorners} needs of a raster's info. */
export interface GeoreferencedSize {
  width: number;
  height: number;
  geotransform?: GeoTransform;
  crs?: Crs;
}

/** Pixel positions (corner convention) of each named point, as gdalinfo reports them. */
export function cornerPixels(width: number, height: number): Record<CornerName, [number, number]> {
  return {
    upperLeft: [0, 0], upperRight: [width, 0], lowerLeft: [0, height], lowerRight: [width, height],
    center: [width / 2, height / 2],
  };
}

/**
 * WGS 84 [lon, lat] of the outer corners and centre of a scene.
 *
 * @example sceneCorners({ width: 791, height: 718, geotransform, crs }).upperLeft // → [-78.9586…, 25.5060…]
 */
export function sceneCorners(info: GeoreferencedSize): SceneCorners {
  const out = { reasons: {} } as SceneCorners;
  for (const [name, [px, py]] of Object.entries(cornerPixels(info.width, info.height)) as [CornerName, [number, number]][]) {
    if (!info.geotransform || !info.crs) {
      out[name] = null;
      out.reasons[name] = info.geotransform ? 'no CRS' : 'not georeferenced';
      continue;
    }
    const [x, y] = pixelToCrs(info.geotransform, px, py);
    const lonLat = tryToWgs84(info.crs, x, y);
    out[name] = lonLat ?? null;
    if (!lonLat) out.reasons[name] = `(${x}, ${y}) lies outside the projection's domain`;
  }
  return out;
}
