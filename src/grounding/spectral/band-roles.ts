import { GroundstreamError } from '../../core/errors';

/** What a raster band measures, independent of the sensor's band numbering. */
export type BandRole =
  | 'coastal'
  | 'blue'
  | 'green'
  | 'red'
  | 'rededge1'
  | 'rededge2'
  | 'rededge3'
  | 'nir'
  | 'nir08'
  | 'watervapour'
  | 'cirrus'
  | 'swir1'
  | 'swir2'
  | 'thermal'
  | 'thermal2'
  | 'pan';

export const BAND_ROLES: readonly BandRole[] = [
  'coastal', 'blue', 'green', 'red', 'rededge1', 'rededge2', 'rededge3', 'nir', 'nir08', 'watervapour', 'cirrus', 'swir1', 'swir2', 'thermal', 'thermal2', 'pan',
];

/** Role → 0-based position of the band in the file (GDAL band number − 1). */
export type BandRoles = Partial<Record<BandRole, number>>;

/** Sensors with a built-in band table. */
export type Sensor = 'landsat7' | 'landsat8' | 'sentinel2' | 'naip';

/** Roles resolved for a sensor, with the sensor band behind each file position. */
export interface SensorBandRoles {
  roles: BandRoles;
  /** Sensor band name per file position, e.g. ['B1', 'B2', 'B3', 'B4', 'B5', 'B7']; '' where unknown. */
  sensorBands: string[];
  /** Whether the bands were identified from their descriptions or from the band count alone. */
  source: 'descriptions' | 'band-count';
}

/**
 * Positional roles: the file's bands in order, `_` or `-` to skip one. Case and spaces are ignored.
 *
 * @example
 * parseBandRoles('blue,green,red,nir,swir1,swir2') // → { blue: 0, green: 1, red: 2, nir: 3, swir1: 4, swir2: 5 }
 * parseBandRoles('_,green,red,nir')               // → { green: 1, red: 2, nir: 3 }
 */
export function parseBandRoles(spec: string): BandRoles {
  const roles: BandRoles = {};
  spec.split(',').forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === '_' || name === '-') return;
    if (!(BAND_ROLES as readonly string[]).includes(name)) {
      throw new GroundstreamError('invalid_argument', spec, `unknown band role '${raw.trim()}' at position ${i + 1}; use one of ${BAND_ROLES.join(', ')}, or _ to skip a band`);
    }
    const role = name as BandRole;
    if (roles[role] !== undefined) throw new GroundstreamError('invalid_argument', spec, `band role '${role}' is given twice`);
    roles[role] = i;
  });
  return roles;
}

interface SensorTable {
  title: string;
  /** Sensor band name → role. */
  bands: Record<string, BandRole>;
  /** Band count → sensor bands in file order, for files without band descriptions. */
  layouts: Record<number, string[]>;
}

const SENSORS: Record<Sensor, SensorTable> = {
  landsat7: {
    title: 'Landsat 7 ETM+',
    bands: { B1: 'blue', B2: 'green', B3: 'red', B4: 'nir', B5: 'swir1', B6: 'thermal', B7: 'swir2', B8: 'pan' },
    layouts: {
      6: ['B1', 'B2', 'B3', 'B4', 'B5', 'B7'], // the reflective bands, as in surface-reflectance products
      7: ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'],
      8: ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8'],
    },
  },
  landsat8: {
    title: 'Landsat 8/9 OLI-TIRS',
    bands: { B1: 'coastal', B2: 'blue', B3: 'green', B4: 'red', B5: 'nir', B6: 'swir1', B7: 'swir2', B8: 'pan', B9: 'cirrus', B10: 'thermal', B11: 'thermal2' },
    layouts: {
      6: ['B2', 'B3', 'B4', 'B5', 'B6', 'B7'],
      7: ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'],
      11: ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B9', 'B10', 'B11'],
    },
  },
  sentinel2: {
    title: 'Sentinel-2 MSI',
    bands: {
      B1: 'coastal', B2: 'blue', B3: 'green', B4: 'red', B5: 'rededge1', B6: 'rededge2', B7: 'rededge3', B8: 'nir', B8A: 'nir08', B9: 'watervapour', B10: 'cirrus', B11: 'swir1', B12: 'swir2',
    },
    layouts: {
      4: ['B2', 'B3', 'B4', 'B8'], // the 10 m bands
      6: ['B2', 'B3', 'B4', 'B8', 'B11', 'B12'],
      10: ['B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B8A', 'B11', 'B12'], // 10 m + 20 m
      12: ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B8A', 'B9', 'B11', 'B12'], // L2A (no B10)
      13: ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B8A', 'B9', 'B10', 'B11', 'B12'],
    },
  },
  naip: {
    title: 'NAIP',
    bands: { B1: 'red', B2: 'green', B3: 'blue', B4: 'nir' },
    layouts: { 3: ['B1', 'B2', 'B3'], 4: ['B1', 'B2', 'B3', 'B4'] },
  },
};

const ROLE_WORDS: [RegExp, BandRole][] = [
  [/^(coastal|aerosol|coastal[ _-]?aerosol)$/, 'coastal'],
  [/^blue$/, 'blue'],
  [/^green$/, 'green'],
  [/^red$/, 'red'],
  [/^(nir|near[ _-]?infrared|nir1)$/, 'nir'],
  [/^(swir ?1|swir16|swir)$/, 'swir1'],
  [/^(swir ?2|swir22)$/, 'swir2'],
  [/^(pan|panchromatic)$/, 'pan'],
  [/^cirrus$/, 'cirrus'],
];

/** A description such as 'B4', 'SR_B04', 'band 8A', 'Band_5' → 'B4' / 'B8A' / 'B5'. */
function sensorBandOf(description: string): string | undefined {
  const m = /(?:^|[^a-z])(?:b|band)[ _-]?0*(\d{1,2}a?)$/i.exec(description.trim());
  return m ? `B${m[1].toUpperCase()}` : undefined;
}

/**
 * Band roles from a sensor's band table. Band descriptions (e.g. GDAL's 'B4', 'SR_B5', 'nir') win
 * when present; otherwise the band count picks a known layout, such as a 6-band Landsat 7 file holding
 * bands 1–5 and 7. Throws for a band count with no known layout: pass roles with
 * {@link parseBandRoles} instead.
 *
 * @example
 * bandRolesForSensor('landsat7', { bandCount: 6 }).roles // → { blue: 0, green: 1, red: 2, nir: 3, swir1: 4, swir2: 5 }
 */
export function bandRolesForSensor(sensor: Sensor, options: { bandCount: number; bandDescriptions?: readonly (string | undefined)[] }): SensorBandRoles {
  const table = SENSORS[sensor];
  if (!table) throw new GroundstreamError('invalid_argument', String(sensor), `unknown sensor '${String(sensor)}'; use one of ${Object.keys(SENSORS).join(', ')}`);
  const { bandCount, bandDescriptions } = options;
  if (bandDescriptions && bandDescriptions.some((d) => d && d.trim())) {
    const sensorBands: string[] = [];
    const roles: BandRoles = {};
    for (let i = 0; i < bandCount; i++) {
      const d = (bandDescriptions[i] ?? '').trim();
      const word = ROLE_WORDS.find(([re]) => re.test(d.toLowerCase()))?.[1];
      const band = sensorBandOf(d);
      const role = word ?? (band ? table.bands[band] : undefined);
      sensorBands.push(band && table.bands[band] ? band : (Object.entries(table.bands).find(([, r]) => r === role)?.[0] ?? ''));
      if (role && roles[role] === undefined) roles[role] = i;
    }
    if (Object.keys(roles).length > 0) return { roles, sensorBands, source: 'descriptions' };
  }
  const layout = table.layouts[bandCount];
  if (!layout) {
    throw new GroundstreamError(
      'invalid_argument',
      sensor,
      `${table.title}: no known layout for ${bandCount} bands (known: ${Object.keys(table.layouts).join(', ')}); give band roles explicitly, e.g. 'blue,green,red,nir,swir1,swir2'`,
    );
  }
  const roles: BandRoles = {};
  layout.forEach((b, i) => (roles[table.bands[b]] = i));
  return { roles, sensorBands: layout.slice(), source: 'band-count' };
}
