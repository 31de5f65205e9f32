/** Mean Earth radius in metres (IUGG), enough for extents stated to the metre. */
const EARTH_RADIUS_M = 6_371_008.8;

/**
 * Great-circle distance between two WGS 84 points in metres (haversine on a sphere: within about
 * 0.5 % of the ellipsoid, plenty for a scene's extent in a caption).
 *
 * @example groundDistanceM([0, 0], [1, 0]) // ≈ 111195
 */
export function groundDistanceM(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
