/**
 * Bundled proj4 definitions for the EPSG codes groundstream knows without a network look-up. UTM
 * families are generated from the zone number; the datum terms match what PROJ exports for them,
 * so coordinates agree with GDAL's.
 */
const FIXED: Readonly<Record<number, string>> = {
  4326: '+proj=longlat +datum=WGS84 +no_defs',
  4269: '+proj=longlat +datum=NAD83 +no_defs',
  4258: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs',
  4674: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs',
  4283: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs',
  3857: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
  3395: '+proj=merc +lon_0=0 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
  3035: '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  2154: '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  3413: '+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
  3031: '+proj=stere +lat_0=-90 +lat_ts=-71 +lon_0=0 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
};

const GRS80_NULL_SHIFT = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';

/** A UTM definition: zone 1..60, north or south, with the datum terms given. */
export function utmProj4(zone: number, south: boolean, datum: string): string {
  return `+proj=utm +zone=${zone}${south ? ' +south' : ''} ${datum} +units=m +no_defs`;
}

/**
 * The proj4 definition of an EPSG code, or undefined when it is not bundled.
 *
 * @example epsgToProj4(32618) // → '+proj=utm +zone=18 +datum=WGS84 +units=m +no_defs'
 */
export function epsgToProj4(code: number): string | undefined {
  if (Object.hasOwn(FIXED, code)) return FIXED[code];
  // WGS 84 / UTM zone N (326NN) and S (327NN)
  if (code >= 32601 && code <= 32660) return utmProj4(code - 32600, false, '+datum=WGS84');
  if (code >= 32701 && code <= 32760) return utmProj4(code - 32700, true, '+datum=WGS84');
  // NAD83 / UTM zones 1N..23N
  if (code >= 26901 && code <= 26923) return utmProj4(code - 26900, false, '+datum=NAD83');
  // SIRGAS 2000 / UTM zones 11N..22N (31965..31976) and 17S..25S (31977..31985)
  if (code >= 31965 && code <= 31976) return utmProj4(code - 31954, false, GRS80_NULL_SHIFT);
  if (code >= 31977 && code <= 31985) return utmProj4(code - 31960, true, GRS80_NULL_SHIFT);
  // ETRS89 / UTM zones 28N..38N
  if (code >= 25828 && code <= 25838) return utmProj4(code - 25800, false, GRS80_NULL_SHIFT);
  return undefined;
}

/** True when the EPSG code names a geographic (lon/lat) CRS in the bundled table. */
export function isGeographicEpsg(code: number): boolean {
  return epsgToProj4(code)?.startsWith('+proj=longlat') ?? false;
}
