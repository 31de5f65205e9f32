import type { GridTile, TileGrid } from './tile-grid';

/** What {@link swathWidthForBlocks} needs to know of the file and its block cache. */
export interface BlockLayout {
  sceneWidthPx: number;
  tileSizePx: number;
  /** The file's block (tile, or strip: scene width × rows per strip) size. */
  blockWidthPx: number;
  blockHeightPx: number;
  /** Decoded bytes per pixel of a block: all samples of a pixel-interleaved file. */
  bytesPerPixel: number;
  /** Decoded blocks the reader may keep. */
  cacheBytes: number;
}

/**
 * The widest swath of scene columns whose blocks stay decoded while its tiles are read row by row:
 * a row of tiles touches ⌈tile / blockHeight⌉ + 1 rows of blocks, and the next row of tiles reuses
 * the lower of them. When the scene's whole width fits, tiles go row-major (the scene width is
 * returned); a stripped file always reads row-major, since every strip spans the width.
 *
 * @example
 * swathWidthForBlocks({ sceneWidthPx: 16384, tileSizePx: 416, blockWidthPx: 512, blockHeightPx: 512, bytesPerPixel: 3, cacheBytes: 48 << 20 }) // → 11776
 */
export function swathWidthForBlocks(o: BlockLayout): number {
  if (o.blockWidthPx >= o.sceneWidthPx) return o.sceneWidthPx;
  const blockBytes = o.blockWidthPx * o.blockHeightPx * o.bytesPerPixel;
  const blockRows = Math.ceil(o.tileSizePx / o.blockHeightPx) + 1;
  // three quarters of the cache: read-ahead tiles and the LRU's order take the rest
  const blockCols = Math.floor((0.75 * o.cacheBytes) / (blockRows * blockBytes)) - 1;
  const widthPx = Math.max(o.tileSizePx, blockCols * o.blockWidthPx);
  return widthPx >= o.sceneWidthPx ? o.sceneWidthPx : widthPx;
}

/**
 * A grid's tiles in vertical swaths at most `swathWidthPx` wide (whole tile columns, at least one),
 * row-major inside each swath; row-major when the swath spans the scene. Reading overlapping tiles
 * in this order decodes each block of a tiled file about once with a bounded block cache, however
 * wide the scene.
 *
 * @example
 * orderTilesInSwaths(grid, 11264).map((t) => t.tileId) // → ['r0c0', …, 'r0c26', 'r1c0', …]
 */
export function orderTilesInSwaths(grid: TileGrid, swathWidthPx: number): GridTile[] {
  if (swathWidthPx >= grid.sceneWidthPx) return grid.tiles;
  const stride = grid.tileSizePx - grid.overlapPx;
  const colsPerSwath = Math.max(1, Math.floor((swathWidthPx - grid.overlapPx) / stride));
  if (colsPerSwath >= grid.cols) return grid.tiles;
  const out: GridTile[] = [];
  for (let c0 = 0; c0 < grid.cols; c0 += colsPerSwath) {
    for (let r = 0; r < grid.rows; r++) {
      for (let c = c0; c < Math.min(grid.cols, c0 + colsPerSwath); c++) out.push(grid.tiles[r * grid.cols + c]);
    }
  }
  return out;
}
