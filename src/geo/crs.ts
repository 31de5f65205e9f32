import proj4 from 'proj4';
import { GroundstreamError } from '../core/errors';
import { epsgToProj4, isGeographicEpsg } from './crs-epsg';
import {
  datumTerms, geoKeyNumber, GeoKeysNotUnderstood, proj4FromCitations, USER_DEFINED, userDefinedProjectedProj4,
  type GeoKeys,
} from './crs-geokeys';

export type { GeoKeys } from './crs-geokeys';

/** A coordinate reference system: its EPSG code when it has one, and a proj4 definition always. */
export interface Crs {
  /** EPSG code, absent for a user-defined CRS. */
  epsg?: number;
  proj4: string;
  /** True for lon/lat in degrees. */
  geographic: boolean;
}

/** [longitude, latitude] in WGS 84 degrees. */
export type LonLat = [number, number];

/**
 * The CRS a GeoTIFF's GeoKeys declare, or undefined when there are none. Throws a GroundstreamError
 * `unsupported_crs` naming the EPSG code or GeoKeys when no bundled definition fits.
 *
 * @example crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 31985 }, 'stars.tif')
 * // → { epsg: 31985, proj4: '+proj=utm +zone=25 +south +ellps=GRS80 …', geographic: false }
 */
export function crsFromGeoKeys(keys: GeoKeys | null | undefined, input = ''): Crs | undefined {
  if (!keys || Object.keys(keys).length === 0) return undefined;
  const model = geoKeyNumber(keys, 'GTModelTypeGeoKey');
  const projected = geoKeyNumber(keys, 'ProjectedCSTypeGeoKey');
  const geographic = geoKeyNumber(keys, 'GeographicTypeGeoKey');
  const unsupported = (what: string): GroundstreamError =>
    new GroundstreamError('unsupported_crs', input, `${input || 'raster'}: unsupported CRS: ${what}`);
  try {
    if (model === 3) throw unsupported('geocentric model (GTModelTypeGeoKey 3)');
    if (projected !== undefined && projected !== USER_DEFINED) {
      const def = epsgToProj4(projected);
      if (!def) throw unsupported(`EPSG:${projected} (ProjectedCSTypeGeoKey) is not bundled`);
      return { epsg: projected, proj4: def, geographic: false };
    }
    if (model === 2 || (model === undefined && projected === undefined && geographic !== undefined)) {
      if (geographic !== undefined && geographic !== USER_DEFINED) {
        const def = epsgToProj4(geographic);
        if (!def || !isGeographicEpsg(geographic)) throw unsupported(`EPSG:${geographic} (GeographicTypeGeoKey) is not bundled`);
        return { epsg: geographic, proj4: def, geographic: true };
      }
      return { proj4: `+proj=longlat ${datumTerms(keys)} +no_defs`, geographic: true };
    }
    if (model === 1 && (projected === USER_DEFINED || keys.ProjectionGeoKey !== undefined || keys.ProjCoordTransGeoKey !== undefined)) {
      return { proj4: userDefinedProjectedProj4(keys), geographic: false };
    }
    // GDAL writes a CRS it cannot encode in GeoKeys (e.g. geostationary) as a PROJ string in a citation
    const fromCitation = proj4FromCitations(keys);
    if (fromCitation) return { proj4: fromCitation, geographic: /\+proj=(longlat|latlong)\b/.test(fromCitation) };
    if (model === undefined) return undefined;
    throw unsupported(`GTModelTypeGeoKey ${model} with no usable projection GeoKeys`);
  } catch (e) {
    if (e instanceof GeoKeysNotUnderstood) throw unsupported(`user-defined CRS: ${e.message}`);
    throw e;
  }
}

/** A readable name: `EPSG:32618` or the proj4 string. */
export function describeCrs(crs: Crs): string {
  return crs.epsg !== undefined ? `EPSG:${crs.epsg}` : crs.proj4;
}

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
// Built per call: parsing a definition costs microseconds, and a module-level cache would be
// state shared by every caller.
function converter(crs: Crs): proj4.Converter {
  return proj4(crs.proj4, WGS84);
}

/**
 * WGS 84 [lon, lat] of a point in `crs`, or undefined when the point lies outside the projection's
 * domain (e.g. off the disk of a geostationary view). A result is kept only when projecting it back
 * lands on the input, so proj4 never hands out a wrong coordinate for an out-of-domain point.
 */
export function tryToWgs84(crs: Crs, x: number, y: number): LonLat | undefined {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return undefined;
  const c = converter(crs);
  let lonLat: number[];
  try {
    lonLat = c.forward([x, y]);
  } catch {
    return undefined;
  }
  const [lon, lat] = lonLat;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) return undefined;
  if (!crs.geographic) {
    let back: number[];
    try {
      back = c.inverse([lon, lat]);
    } catch {
      return undefined;
    }
    // a millimetre, or a part in 1e9 of the coordinate's magnitude for far-out eastings
    const tol = Math.max(1e-3, 1e-9 * Math.max(Math.abs(x), Math.abs(y)));
    if (!(Math.abs(back[0] - x) <= tol && Math.abs(back[1] - y) <= tol)) return undefined;
  }
  return [lon, lat];
}

/**
 * WGS 84 [lon, lat] of a point in `crs`. Throws `outside_crs_domain` when it cannot be transformed.
 *
 * @example toWgs84({ epsg: 32618, proj4: epsgToProj4(32618)!, geographic: false }, 101985, 2826915)
 * // → [-78.95864996…, 25.50608738…]
 */
export function toWgs84(crs: Crs, x: number, y: number): LonLat {
  const r = tryToWgs84(crs, x, y);
  if (!r) throw new GroundstreamError('outside_crs_domain', describeCrs(crs), `(${x}, ${y}) lies outside the domain of ${describeCrs(crs)}`);
  return r;
}

/** Coordinates in `crs` of a WGS 84 [lon, lat]. */
export function fromWgs84(crs: Crs, lon: number, lat: number): [number, number] {
  const [x, y] = converter(crs).inverse([lon, lat]);
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    throw new GroundstreamError('outside_crs_domain', describeCrs(crs), `(${lon}, ${lat}) lies outside the domain of ${describeCrs(crs)}`);
  }
  return [x, y];
}
