import { utmProj4 } from './crs-epsg';

/** GeoKeys by name, as geotiff.js decodes the GeoKeyDirectory (e.g. `ProjectedCSTypeGeoKey: 32618`). */
export type GeoKeys = Readonly<Record<string, unknown>>;

export const USER_DEFINED = 32767;

/** Why a user-defined CRS could not be built; the caller turns it into an `unsupported_crs` error. */
export class GeoKeysNotUnderstood extends Error {}

function num(keys: GeoKeys, name: string): number | undefined {
  const v = keys[name];
  const n = Array.isArray(v) ? v[0] : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function geoKeyNumber(keys: GeoKeys, name: string): number | undefined {
  return num(keys, name);
}

/** Datum or ellipsoid terms of a proj4 string from the geographic GeoKeys. */
export function datumTerms(keys: GeoKeys): string {
  const datum = num(keys, 'GeogGeodeticDatumGeoKey');
  const gcs = num(keys, 'GeographicTypeGeoKey');
  if (datum === 6326 || gcs === 4326) return '+datum=WGS84';
  if (datum === 6269 || gcs === 4269) return '+datum=NAD83';
  // ETRS89, SIRGAS 2000, GDA94: GRS80 with a null shift to WGS 84, as PROJ does
  if ((datum !== undefined && [6258, 6674, 6283].includes(datum)) || (gcs !== undefined && [4258, 4674, 4283].includes(gcs))) {
    return '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';
  }
  // an unknown datum on a known ellipsoid: no datum shift (GDAL's "ballpark" transformation)
  const ellipsoid = num(keys, 'GeogEllipsoidGeoKey');
  if (ellipsoid === 7030) return '+ellps=WGS84';
  if (ellipsoid === 7019) return '+ellps=GRS80';
  const a = num(keys, 'GeogSemiMajorAxisGeoKey');
  const rf = num(keys, 'GeogInvFlatteningGeoKey');
  const b = num(keys, 'GeogSemiMinorAxisGeoKey');
  if (a !== undefined && rf !== undefined && rf > 0) return `+a=${a} +rf=${rf}`;
  if (a !== undefined && b !== undefined) return `+a=${a} +b=${b}`;
  if (a !== undefined) return `+a=${a} +b=${a}`;
  throw new GeoKeysNotUnderstood(`no datum or ellipsoid GeoKeys (GeogGeodeticDatumGeoKey=${datum ?? 'absent'}, GeogEllipsoidGeoKey=${ellipsoid ?? 'absent'})`);
}

const LINEAR_UNIT_M: Readonly<Record<number, number>> = { 9001: 1, 9002: 0.3048, 9003: 1200 / 3937 };
const LINEAR_UNIT_NAME: Readonly<Record<number, string>> = { 9001: 'm', 9002: 'ft', 9003: 'us-ft' };

/**
 * The proj4 definition of a user-defined projected CRS (ProjectedCSTypeGeoKey 32767) from its
 * ProjectionGeoKey (UTM codes 16001..16160) or ProjCoordTransGeoKey and parameter keys.
 */
export function userDefinedProjectedProj4(keys: GeoKeys): string {
  const datum = datumTerms(keys);
  const unitCode = num(keys, 'ProjLinearUnitsGeoKey') ?? 9001;
  if (!Object.hasOwn(LINEAR_UNIT_M, unitCode)) throw new GeoKeysNotUnderstood(`ProjLinearUnitsGeoKey ${unitCode} is not supported`);
  const projection = num(keys, 'ProjectionGeoKey');
  if (projection !== undefined && projection !== USER_DEFINED) {
    if (projection >= 16001 && projection <= 16060) return utmProj4(projection - 16000, false, datum);
    if (projection >= 16101 && projection <= 16160) return utmProj4(projection - 16100, true, datum);
    throw new GeoKeysNotUnderstood(`ProjectionGeoKey ${projection} (an EPSG conversion) is not bundled`);
  }
  const transform = num(keys, 'ProjCoordTransGeoKey');
  if (transform === undefined) throw new GeoKeysNotUnderstood('user-defined projection without ProjectionGeoKey or ProjCoordTransGeoKey');
  const toM = LINEAR_UNIT_M[unitCode];
  const angularUnit = num(keys, 'GeogAngularUnitsGeoKey') ?? 9102;
  const toDeg = angularUnit === 9101 ? 180 / Math.PI : angularUnit === 9105 ? 0.9 : 1;
  const deg = (name: string, fallback = 0): number => (num(keys, name) ?? fallback) * toDeg;
  // proj4's +x_0/+y_0 are metres whatever +units says
  const falseOrigin = (): string => {
    const fe = num(keys, 'ProjFalseEastingGeoKey') ?? num(keys, 'ProjFalseOriginEastingGeoKey') ?? 0;
    const fn = num(keys, 'ProjFalseNorthingGeoKey') ?? num(keys, 'ProjFalseOriginNorthingGeoKey') ?? 0;
    return `+x_0=${fe * toM} +y_0=${fn * toM}`;
  };
  const lon0 = deg('ProjNatOriginLongGeoKey', num(keys, 'ProjCenterLongGeoKey') ?? num(keys, 'ProjFalseOriginLongGeoKey') ?? 0);
  const lat0 = deg('ProjNatOriginLatGeoKey', num(keys, 'ProjCenterLatGeoKey') ?? num(keys, 'ProjFalseOriginLatGeoKey') ?? 0);
  const k = num(keys, 'ProjScaleAtNatOriginGeoKey') ?? 1;
  let body: string;
  switch (transform) {
    case 1: body = `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=${k}`; break;
    case 7: body = `+proj=merc +lon_0=${lon0} +k=${k}`; break;
    case 8: body = `+proj=lcc +lat_0=${lat0} +lon_0=${lon0} +lat_1=${deg('ProjStdParallel1GeoKey')} +lat_2=${deg('ProjStdParallel2GeoKey')}`; break;
    case 9: body = `+proj=lcc +lat_0=${lat0} +lat_1=${lat0} +lon_0=${lon0} +k_0=${k}`; break;
    case 10: body = `+proj=laea +lat_0=${lat0} +lon_0=${lon0}`; break;
    case 11: body = `+proj=aea +lat_0=${lat0} +lon_0=${lon0} +lat_1=${deg('ProjStdParallel1GeoKey')} +lat_2=${deg('ProjStdParallel2GeoKey')}`; break;
    case 15: body = `+proj=stere +lat_0=${lat0 >= 0 ? 90 : -90} +lat_ts=${lat0} +lon_0=${deg('ProjStraightVertPoleLongGeoKey', lon0 / toDeg)} +k=${k}`; break;
    case 17: body = `+proj=eqc +lat_ts=${deg('ProjStdParallel1GeoKey', lat0 / toDeg)} +lon_0=${lon0}`; break;
    default: throw new GeoKeysNotUnderstood(`ProjCoordTransGeoKey ${transform} is not supported`);
  }
  return `${body} ${falseOrigin()} ${datum} +units=${LINEAR_UNIT_NAME[unitCode]} +no_defs`;
}

/** The proj4 string GDAL and ESRI writers leave in a citation (`EXTENSION["PROJ4","…"]`), if any. */
export function proj4FromCitations(keys: GeoKeys): string | undefined {
  for (const name of ['PCSCitationGeoKey', 'GTCitationGeoKey', 'GeogCitationGeoKey']) {
    const v = keys[name];
    if (typeof v !== 'string') continue;
    const m = /EXTENSION\["PROJ4","([^"]+)"\]/.exec(v);
    if (m) return m[1].trim();
  }
  return undefined;
}
