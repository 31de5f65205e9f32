/** Where a raster scene (or tile) lies: its centre in WGS84 degrees and, optionally, its size on the ground. */
export interface Place {
  lat: number;
  lon: number;
  /** Width and height on the ground in metres. */
  extentM?: readonly [number, number];
}

/**
 * Degrees with at most 4 decimals (about 11 m of latitude, finer than any tile a caption
 * describes), trailing zeros dropped, and a hemisphere letter: "41.2°N, 8.6°W".
 *
 * @example
 * formatLatLon(41.2, -8.6) // '41.2°N, 8.6°W'
 */
export function formatLatLon(lat: number, lon: number): string {
  if (!(Number.isFinite(lat) && Math.abs(lat) <= 90)) throw new RangeError(`lat must be in [-90, 90], got ${lat}`);
  if (!(Number.isFinite(lon) && Math.abs(lon) <= 180)) throw new RangeError(`lon must be in [-180, 180], got ${lon}`);
  return `${degrees(lat)}°${lat < 0 ? 'S' : 'N'}, ${degrees(lon)}°${lon < 0 ? 'W' : 'E'}`;
}

function degrees(value: number): string {
  // Rounding first keeps "-0.00001" from printing as a southern "0°S".
  return String(Math.abs(Math.round(value * 1e4) / 1e4));
}

/**
 * A ground distance: whole metres below 1 km ("120 m"), else kilometres with at most one decimal
 * ("2.5 km", "12 km").
 *
 * @example
 * formatMetres(1250) // '1.3 km'
 */
export function formatMetres(metres: number): string {
  if (!(Number.isFinite(metres) && metres >= 0)) throw new RangeError(`a distance must be a non-negative number of metres, got ${metres}`);
  const whole = Math.round(metres);
  if (whole < 1000) return `${whole} m`;
  return `${Math.round(metres / 100) / 10} km`;
}

/**
 * The place as a sentence body: "the scene is at 41.2°N, 8.6°W and covers 120 m × 80 m", or
 * without the extent "the scene is at 41.2°N, 8.6°W".
 *
 * @example
 * placeClause({ lat: 41.2, lon: -8.6, extentM: [120, 80] }) // 'the scene is at 41.2°N, 8.6°W and covers 120 m × 80 m'
 */
export function placeClause(place: Place): string {
  const at = `the scene is at ${formatLatLon(place.lat, place.lon)}`;
  if (!place.extentM) return at;
  const [w, h] = place.extentM;
  return `${at} and covers ${formatMetres(w)} × ${formatMetres(h)}`;
}
