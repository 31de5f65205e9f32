import { checkRgbImage, touchedPixels, type RgbImage } from './rgb-image';

/** Smallest mosaic block, in pixels: below this even a small face keeps recognisable detail. */
export const MIN_BLOCK_PX = 8;
/** Blocks across the longer side of a region at most (larger regions get larger blocks). */
export const MAX_BLOCKS_ACROSS = 8;

/**
 * Mosaic block size for a region: max(8, ceil(longer side / 8)) px. At most 8 x 8 blocks across a
 * face leaves its position and colouring but no features to recognise it by, however large the face
 * is in the frame; the 8 px floor keeps small faces from being merely softened.
 *
 * @example
 * pixelateBlockPx(40, 48); // 8
 * pixelateBlockPx(200, 120); // 25
 */
export function pixelateBlockPx(widthPx: number, heightPx: number): number {
  return Math.max(MIN_BLOCK_PX, Math.ceil(Math.max(widthPx, heightPx) / MAX_BLOCKS_ACROSS));
}

/**
 * Edges of the blocks a span of `lengthPx` pixels from `startPx` is cut into: as many blocks of at
 * least `blockPx` as fit (at least one), sized evenly, so no thin sliver at the end keeps more
 * detail than the rest. Returns `n + 1` edges for `n` blocks.
 *
 * @example
 * blockEdges(0, 20, 8); // [0, 10, 20]: two blocks of 10, not 8 + 8 + 4
 */
export function blockEdges(startPx: number, lengthPx: number, blockPx: number): number[] {
  const n = Math.max(1, Math.floor(lengthPx / Math.max(1, blockPx)));
  const edges: number[] = [];
  for (let i = 0; i <= n; i++) edges.push(startPx + Math.floor((i * lengthPx) / n));
  return edges;
}

/**
 * Redacts a region in place by pixelation: every pixel the xyxy box touches (partly covered ones
 * included) is cut into blocks of `blockPx` or a little more, and each block is set to its mean
 * colour (rounded). Pixels outside the box are untouched. A mosaic rather than a Gaussian blur
 * because a blur of moderate strength can be partly undone; a block mean cannot.
 * Default block size: {@link pixelateBlockPx} of the box (before clipping to the image).
 *
 * @example
 * blurRegion(frame, [120, 40, 168, 100]); // 48x60 face → 8 px blocks (6 x 7 of them)
 */
export function blurRegion(img: RgbImage, xyxy: ArrayLike<number>, blockPx?: number): void {
  checkRgbImage(img, 'blurRegion');
  const r = touchedPixels(img, xyxy);
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  if (w <= 0 || h <= 0) return;
  // Sized on the whole box, not the clipped part, so a face half out of frame is not blurred less.
  const fullW = Math.ceil(xyxy[2]) - Math.floor(xyxy[0]);
  const fullH = Math.ceil(xyxy[3]) - Math.floor(xyxy[1]);
  const block = Math.max(1, Math.round(blockPx ?? pixelateBlockPx(fullW, fullH)));
  const xs = blockEdges(r.x0, w, block);
  const ys = blockEdges(r.y0, h, block);
  const { pixels, width } = img;
  for (let by = 0; by + 1 < ys.length; by++) {
    for (let bx = 0; bx + 1 < xs.length; bx++) {
      let sr = 0;
      let sg = 0;
      let sb = 0;
      for (let y = ys[by]; y < ys[by + 1]; y++) {
        for (let x = xs[bx], i = (y * width + x) * 3; x < xs[bx + 1]; x++, i += 3) {
          sr += pixels[i];
          sg += pixels[i + 1];
          sb += pixels[i + 2];
        }
      }
      const n = (xs[bx + 1] - xs[bx]) * (ys[by + 1] - ys[by]);
      const mr = Math.round(sr / n);
      const mg = Math.round(sg / n);
      const mb = Math.round(sb / n);
      for (let y = ys[by]; y < ys[by + 1]; y++) {
        for (let x = xs[bx], i = (y * width + x) * 3; x < xs[bx + 1]; x++, i += 3) {
          pixels[i] = mr;
          pixels[i + 1] = mg;
          pixels[i + 2] = mb;
        }
      }
    }
  }
}
