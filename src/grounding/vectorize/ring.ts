import { signedArea2 } from '../../geo/geojson';
/** A closed ring of `[x, y]` pixel-corner points: the first point is repeated last. */
export type Ring = [number, number][];

/**
 * Twice the signed area of a ring (closed or open) by the shoelace formula. In pixel coordinates
 * (y down) a positive value is clockwise as displayed.
 *
 * @example
 * ringSignedArea2([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]) // → 2
 */
export const ringSignedArea2: (ring: ReadonlyArray<readonly [number, number]>) => number = signedArea2;
