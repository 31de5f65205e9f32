/**
 * GDAL-style affine geotransform `[originX, pixelW, rotX, originY, rotY, pixelH]`:
 * `x = originX + px * pixelW + py * rotX`, `y = originY + px * rotY + py * pixelH`, with the
 * pixel-corner convention (pixel (0,0) covers [0,1)×[0,1)).
 */
export type GeoTransform = readonly [number, number, number, number, number, number];

/** The georeferencing tags of a GeoTIFF, as read from its first image. */
export interface TiffGeoTags {
  /** ModelPixelScaleTag (33550): [scaleX, scaleY, scaleZ]. */
  modelPixelScale?: readonly number[];
  /** ModelTiepointTag (33922): one or more (i, j, k, x, y, z) sextuplets. */
  modelTiepoint?: readonly number[];
  /** ModelTransformationTag (34264): a 4×4 row-major matrix. */
  modelTransformation?: readonly number[];
  /** GTRasterTypeGeoKey: whether a tie point names a pixel's corner (area) or its centre (point). */
  rasterType: 'PixelIsArea' | 'PixelIsPoint';
}

/**
 * The geotransform GDAL computes from the tags, or undefined when they give none (no tags, or only
 * ground control points, which need a fitted warp, not an affine). PixelIsPoint moves the origin by
 * half a pixel as GDAL does, so boxes in pixel-corner coordinates convert the same way for both.
 *
 * @example
 * geotransformFromTiff({ modelPixelScale: [300, 300, 0], modelTiepoint: [0, 0, 0, 101985, 2826915, 0], rasterType: 'PixelIsArea' })
 * // → [101985, 300, 0, 2826915, 0, -300]
 */
export function geotransformFromTiff(tags: TiffGeoTags): GeoTransform | undefined {
  let gt: [number, number, number, number, number, number] | undefined;
  const m = tags.modelTransformation;
  const tie = tags.modelTiepoint;
  const scale = tags.modelPixelScale;
  if (m && m.length >= 16) {
    gt = [m[3], m[0], m[1], m[7], m[4], m[5]];
  } else if (tie && tie.length >= 6 && scale && scale.length >= 2 && tie.length < 12) {
    const [i, j, , x, y] = tie;
    gt = [x - i * scale[0], scale[0], 0, y + j * scale[1], 0, -scale[1]];
  } else {
    return undefined;
  }
  if (!gt.every(Number.isFinite) || determinant(gt) === 0) return undefined;
  if (tags.rasterType === 'PixelIsPoint') {
    gt[0] -= (gt[1] + gt[2]) * 0.5;
    gt[3] -= (gt[4] + gt[5]) * 0.5;
  }
  return gt;
}

function determinant(gt: GeoTransform): number {
  return gt[1] * gt[5] - gt[2] * gt[4];
}

/**
 * Map (CRS) coordinates of a point given in scene pixels (fractional; (0,0) is the upper-left
 * corner of the first pixel).
 *
 * @example pixelToCrs([100, 2, 0, 500, 0, -2], 10, 5) // → [120, 490]
 */
export function pixelToCrs(gt: GeoTransform, px: number, py: number): [number, number] {
  return [gt[0] + px * gt[1] + py * gt[2], gt[3] + px * gt[4] + py * gt[5]];
}

/** The geotransform that maps CRS coordinates back to pixels. Throws on a degenerate transform. */
export function invertGeotransform(gt: GeoTransform): GeoTransform {
  const det = determinant(gt);
  if (det === 0 || !Number.isFinite(det)) throw new RangeError('geotransform is not invertible');
  const a = gt[5] / det;
  const b = -gt[2] / det;
  const d = -gt[4] / det;
  const e = gt[1] / det;
  return [-gt[0] * a - gt[3] * b, a, b, -gt[0] * d - gt[3] * e, d, e];
}

/**
 * Scene pixel coordinates of a CRS point: the inverse of {@link pixelToCrs}.
 *
 * @example crsToPixel([100, 2, 0, 500, 0, -2], 120, 490) // → [10, 5]
 */
export function crsToPixel(gt: GeoTransform, x: number, y: number): [number, number] {
  return pixelToCrs(invertGeotransform(gt), x, y);
}

/** Ground size of one pixel along x and y, in CRS units (metres for a projected CRS). */
export function pixelSize(gt: GeoTransform): { x: number; y: number } {
  return { x: Math.hypot(gt[1], gt[4]), y: Math.hypot(gt[2], gt[5]) };
}
