import type { GeoReference } from '../core/events';
import { sceneCorners } from './corners';
import { describeCrs, tryToWgs84, type Crs } from './crs';
import { pixelToCrs, type GeoTransform } from './geotransform';

/** Where scene pixels lie: in the scene's CRS and on Earth. */
export interface SceneGeoreference {
  geo: GeoReference;
  toCrs(xPx: number, yPx: number): [number, number];
  /** Pixel → [lon, lat]; throws where the CRS cannot place the point. */
  toLonLat(xPx: number, yPx: number): [number, number];
}

/**
 * The georeference of a scene from its geotransform and CRS. Without both, pixels stay pixels:
 * `georeferenced` is false and `toLonLat` throws.
 *
 * @example
 * const g = toSceneGeoreference({ width: 791, height: 718, geotransform, crs });
 * g.toLonLat(0, 0) // → [lon, lat] of the upper-left corner
 */
export function toSceneGeoreference(scene: { width: number; height: number; geotransform?: GeoTransform; crs?: Crs }): SceneGeoreference {
  const { geotransform, crs } = scene;
  if (!geotransform || !crs) {
    return {
      geo: { georeferenced: false, crs: '', geotransform: geotransform ? [...geotransform] : [], bboxWgs84: [] },
      toCrs: (x, y) => (geotransform ? pixelToCrs(geotransform, x, y) : [x, y]),
      toLonLat: () => { throw new Error('the scene is not georeferenced'); },
    };
  }
  const corners = sceneCorners(scene);
  const known = [corners.upperLeft, corners.upperRight, corners.lowerLeft, corners.lowerRight].filter((c): c is [number, number] => c !== null);
  const bboxWgs84 = known.length === 4
    ? [Math.min(...known.map((c) => c[0])), Math.min(...known.map((c) => c[1])), Math.max(...known.map((c) => c[0])), Math.max(...known.map((c) => c[1]))]
    : [];
  return {
    geo: { georeferenced: true, crs: describeCrs(crs), geotransform: [...geotransform], bboxWgs84 },
    toCrs: (x, y) => pixelToCrs(geotransform, x, y),
    toLonLat: (x, y) => {
      const [cx, cy] = pixelToCrs(geotransform, x, y);
      const lonLat = tryToWgs84(crs, cx, cy);
      if (!lonLat) throw new Error(`pixel (${x}, ${y}) lies outside the domain of ${describeCrs(crs)}`);
      return lonLat;
    },
  };
}
