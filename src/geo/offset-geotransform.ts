import type { GeoTransform } from './geotransform';

/**
 * The geotransform of a window whose upper-left pixel is scene pixel (x0Px, y0Px): pixel (0, 0) of
 * the window lands where scene pixel (x0Px, y0Px) does. Rotation terms carry over.
 *
 * @example
 * offsetGeotransform([100, 2, 0, 500, 0, -2], 10, 5) // → [120, 2, 0, 490, 0, -2]
 */
export function offsetGeotransform(gt: GeoTransform, x0Px: number, y0Px: number): GeoTransform {
  return [gt[0] + x0Px * gt[1] + y0Px * gt[2], gt[1], gt[2], gt[3] + x0Px * gt[4] + y0Px * gt[5], gt[4], gt[5]];
}
