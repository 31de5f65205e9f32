import { GroundstreamError } from '../../core/errors';
import { bandRolesForSensor, parseBandRoles, type BandRole, type BandRoles, type Sensor } from './band-roles';

/** Band roles of a raster and where they came from, for the result's notes. */
export interface ResolvedBandRoles {
  roles: BandRoles;
  /** e.g. "band roles from --band-roles: green=2, nir=4, swir1=5". */
  description: string;
}

/** What {@link resolveBandRoles} looks at. */
export interface BandRoleInputs {
  /** Positional roles, e.g. 'blue,green,red,nir,swir1,swir2'. */
  bandRoles?: string;
  /** A {@link Sensor} name; anything else is refused with the list. */
  sensor?: Sensor | string;
  bandCount: number;
  bandDescriptions?: readonly (string | undefined)[];
  /** The last band is alpha: it never takes a role. */
  hasAlpha?: boolean;
}

const describe = (roles: BandRoles): string =>
  (Object.entries(roles) as [BandRole, number][]).sort((a, b) => a[1] - b[1]).map(([r, i]) => `${r}=${i + 1}`).join(', ');

/**
 * Band roles of a raster: explicit positional roles win, then a sensor preset (its band
 * descriptions, else its band count), then the band descriptions alone (words such as 'nir',
 * 'swir1', 'red'). An unmarked 3-band (or RGB + alpha) raster is taken as red, green, blue; other
 * unmarked rasters get no roles. Band numbers in the description are 1-based.
 *
 * @example
 * resolveBandRoles({ sensor: 'landsat7', bandCount: 6 }).roles // → { blue: 0, green: 1, red: 2, nir: 3, swir1: 4, swir2: 5 }
 * resolveBandRoles({ bandCount: 3 }).roles                     // → { red: 0, green: 1, blue: 2 }
 */
export function resolveBandRoles(inputs: BandRoleInputs): ResolvedBandRoles {
  const { bandRoles, sensor, bandCount, bandDescriptions, hasAlpha } = inputs;
  if (bandRoles !== undefined && bandRoles.trim()) {
    const roles = parseBandRoles(bandRoles);
    const beyond = Object.entries(roles).find(([, i]) => (i as number) >= bandCount);
    if (beyond) {
      throw new GroundstreamError('invalid_argument', bandRoles, `band roles name ${bandRoles.split(',').length} bands, but the raster has ${bandCount} (role '${beyond[0]}' at position ${(beyond[1] as number) + 1})`);
    }
    return { roles, description: `band roles from --band-roles: ${describe(roles)}` };
  }
  if (sensor) {
    const r = bandRolesForSensor(sensor as Sensor, { bandCount, bandDescriptions });
    return { roles: r.roles, description: `band roles from the ${sensor} preset by ${r.source === 'descriptions' ? 'band descriptions' : `band count (${bandCount})`}: ${describe(r.roles)}` };
  }
  if (bandDescriptions && bandDescriptions.some((d) => d && d.trim())) {
    // Words only: a description like 'B4' means different bands on different sensors.
    const roles: BandRoles = {};
    const words: [RegExp, BandRole][] = [
      [/^blue$/, 'blue'], [/^green$/, 'green'], [/^red$/, 'red'], [/^(nir|near[ _-]?infrared)$/, 'nir'],
      [/^(swir ?1|swir16)$/, 'swir1'], [/^(swir ?2|swir22)$/, 'swir2'], [/^coastal([ _-]?aerosol)?$/, 'coastal'],
    ];
    bandDescriptions.forEach((d, i) => {
      const role = words.find(([re]) => re.test((d ?? '').trim().toLowerCase()))?.[1];
      if (role && roles[role] === undefined) roles[role] = i;
    });
    if (Object.keys(roles).length) return { roles, description: `band roles from band descriptions: ${describe(roles)}` };
  }
  const colourBands = bandCount - (hasAlpha ? 1 : 0);
  if (colourBands === 3) return { roles: { red: 0, green: 1, blue: 2 }, description: 'band roles assumed: red, green, blue (a 3-band raster without band descriptions)' };
  return { roles: {}, description: `no band roles: ${bandCount} bands without descriptions; give --band-roles or --sensor` };
}
