import type { GroundingEvent, Region } from '../core/events';
import { epsgToProj4, isGeographicEpsg } from '../geo/crs-epsg';
import { fromWgs84, type Crs } from '../geo/crs';
import { crsToPixel, type GeoTransform } from '../geo/geotransform';
import { prepareShape, rasterizeShapes, type PreparedShape, type RasterShape } from '../grounding/vectorize/rasterize-rings';
import { SPECTRAL_MODEL_ID } from '../pipeline/ground-spectral-masks';
import { CLASS_MASK_TILE_PX, writeClassMaskCog, type ClassMaskCogResult, type ClassMaskGeoreference } from '../sources/raster/write-class-mask-cog';

/** The class table and the shapes to paint, from a scene event. */
export interface SceneClassMask {
  /** `classes[i]` is pixel value i + 1. */
  classes: string[];
  /** In paint order: later shapes over earlier ones. */
  shapes: RasterShape[];
  georeference?: ClassMaskGeoreference;
  width: number;
  height: number;
}

/** The scene's CRS from the event's `geo.crs` ("EPSG:n" or a PROJ string). */
export function crsOfScene(crs: string): Crs | undefined {
  const m = /^EPSG:(\d+)$/i.exec(crs.trim());
  if (m) {
    const epsg = Number(m[1]);
    const proj4 = epsgToProj4(epsg);
    return proj4 ? { epsg, proj4, geographic: isGeographicEpsg(epsg) } : { epsg, proj4: '', geographic: false };
  }
  if (!crs.trim()) return undefined;
  return { proj4: crs.trim(), geographic: /\+proj=(longlat|latlong)\b/.test(crs) };
}

function flatBox(box: readonly number[]): number[] {
  const [x0, y0, x1, y1] = box;
  return [x0, y0, x1, y0, x1, y1, x0, y1];
}

/** Polygon rings of a GeoJSON Polygon / MultiPolygon, or undefined for other geometries. */
function geometryPolygons(geometry: Record<string, unknown> | undefined): number[][][][] | undefined {
  if (!geometry) return undefined;
  if (geometry.type === 'Polygon') return [geometry.coordinates as number[][][]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as number[][][][];
  return undefined;
}

/** A geometry that is more than the region's box: holes, several parts, or more than four corners. */
function isOutline(polys: number[][][][]): boolean {
  return polys.length > 1 || polys[0].length > 1 || polys[0][0].length > 5;
}

/**
 * Rings (scene pixels) of one region: its `polygon` (the instance mask's outline) when it has one;
 * else its WGS 84 geometry taken back to pixels through the scene's CRS and inverse geotransform when
 * that geometry is an outline (spectral regions carry only that: polygons with holes), else its box.
 */
export function regionRings(region: Region, toPixel?: (lon: number, lat: number) => [number, number]): number[][] {
  if (region.polygon.length >= 6) return [region.polygon];
  const polys = geometryPolygons(region.geometry);
  if (polys && toPixel && isOutline(polys)) {
    try {
      return polys.flatMap((rings) => rings.map((ring) => ring.flatMap(([lon, lat]) => toPixel(lon, lat))));
    } catch {
      // a vertex the CRS cannot place: the box stands in
    }
  }
  return region.box.length === 4 ? [flatBox(region.box)] : [];
}

/**
 * The class mask of a scene event: one class per label in order of first appearance, spectral
 * regions (water, vegetation, bare soil) painted first and detected objects over them, each shape by the even-odd rule with the pixel-centre test.
 */
export function sceneClassMask(scene: GroundingEvent): SceneClassMask {
  const geo = scene.geo;
  const gt = geo?.geotransform?.length === 6 ? (geo.geotransform as unknown as GeoTransform) : undefined;
  const crs = geo?.georeferenced ? crsOfScene(geo.crs) : undefined;
  const toPixel = gt && crs?.proj4 ? (lon: number, lat: number) => {
    const [x, y] = fromWgs84(crs, lon, lat);
    return crsToPixel(gt, x, y);
  } : undefined;
  const classes: string[] = [];
  const classOf = (label: string): number => {
    let i = classes.indexOf(label);
    if (i < 0) {
      classes.push(label);
      i = classes.length - 1;
    }
    return i + 1;
  };
  // spectral regions (water, vegetation, bare soil) cover areas: objects are painted over them
  const areas: RasterShape[] = [];
  const objects: RasterShape[] = [];
  for (const r of scene.regions) {
    const value = classOf(r.label || 'region');
    if (value > 255) break;
    const rings = regionRings(r, toPixel);
    if (!rings.length) continue;
    const area = r.modelId === SPECTRAL_MODEL_ID;
    (area ? areas : objects).push({ rings, value });
  }
  return {
    classes: classes.slice(0, 255),
    shapes: [...areas, ...objects],
    width: scene.width,
    height: scene.height,
    georeference: gt && crs ? { geotransform: gt, epsg: crs.epsg, geographic: crs.geographic, proj4: crs.epsg === undefined ? crs.proj4 : undefined } : undefined,
  };
}

/**
 * Writes the class mask of a scene event as a Cloud-Optimized GeoTIFF: same size, geotransform and
 * CRS as the scene, pixel = class index (0 = nothing), classes named in the GDAL metadata as
 * `CLASS_<n>=<label>`. Shapes are painted tile by tile; the scene is never held as one buffer.
 */
export async function writeSceneClassMask(file: string, scene: GroundingEvent): Promise<ClassMaskCogResult & { classes: string[] }> {
  const m = sceneClassMask(scene);
  const prepared: PreparedShape[] = m.shapes.map(prepareShape);
  const T = CLASS_MASK_TILE_PX;
  const result = await writeClassMaskCog(file, {
    width: m.width,
    height: m.height,
    classes: m.classes,
    georeference: m.georeference,
    tile: (w) => {
      const out = new Uint8Array(T * T);
      rasterizeShapes(prepared, { x0: w.x0, y0: w.y0, x1: w.x0 + T, y1: w.y0 + T }, out, T);
      return out;
    },
  });
  return { ...result, classes: m.classes };
}
