import { GroundstreamError } from '../core/errors';

/** A pixel window in scene pixels, pixel-corner convention: covers [x0, x1) × [y0, y1). */
export interface PixelWindow {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One tile of a {@link TileGrid}. */
export interface GridTile {
  /** `r{row}c{col}`, stable for a given grid. */
  tileId: string;
  row: number;
  col: number;
  window: PixelWindow;
}

/** Options of {@link createTileGrid}. */
export interface TileGridOptions {
  sceneWidthPx: number;
  sceneHeightPx: number;
  tileSizePx: number;
  /** Pixels shared by neighbouring tiles; must be smaller than the tile size. */
  overlapPx: number;
}

/** Overlapping tiles covering a whole scene, row-major. */
export interface TileGrid extends TileGridOptions {
  rows: number;
  cols: number;
  /** Left edges of the columns, ascending. */
  colStartsPx: number[];
  /** Top edges of the rows, ascending. */
  rowStartsPx: number[];
  /** Row-major: tile (row, col) is `tiles[row * cols + col]`. */
  tiles: GridTile[];
}

/** Which sides of a tile are shared with a neighbour (inner) rather than lying on the scene edge. */
export interface InnerEdges {
  left: boolean;
  top: boolean;
  right: boolean;
  bottom: boolean;
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new GroundstreamError('invalid_argument', name, `${name} must be a positive integer, got ${value}`);
  }
}

/**
 * Start offsets along one axis: a regular stride, with the last tile shifted back so it ends
 * exactly at the edge (stays full-size) instead of hanging over it or leaving a strip uncovered.
 */
function axisStarts(lengthPx: number, tileSizePx: number, stridePx: number): number[] {
  if (lengthPx <= tileSizePx) return [0];
  const starts: number[] = [];
  for (let x = 0; ; x += stridePx) {
    if (x + tileSizePx >= lengthPx) {
      starts.push(lengthPx - tileSizePx);
      return starts;
    }
    starts.push(x);
  }
}

/**
 * Cuts a scene into overlapping tiles that cover every pixel, right and bottom edges included.
 * Tiles are `tileSizePx` square, stepped by `tileSizePx - overlapPx`; the last column and row are
 * shifted back to end at the scene edge (so they overlap their neighbour by more than `overlapPx`);
 * an axis shorter than a tile gets one tile clipped to the scene.
 *
 * @example
 * createTileGrid({ sceneWidthPx: 1000, sceneHeightPx: 600, tileSizePx: 512, overlapPx: 64 }).tiles.map((t) => t.window)
 * // → [{x0:0,y0:0,x1:512,y1:512}, {x0:448,y0:0,x1:960,...}, {x0:488,...,x1:1000,...}, ... ] (3 cols × 2 rows)
 */
export function createTileGrid(options: TileGridOptions): TileGrid {
  const { sceneWidthPx, sceneHeightPx, tileSizePx, overlapPx } = options;
  requirePositiveInteger('sceneWidthPx', sceneWidthPx);
  requirePositiveInteger('sceneHeightPx', sceneHeightPx);
  requirePositiveInteger('tileSizePx', tileSizePx);
  if (!Number.isInteger(overlapPx) || overlapPx < 0) {
    throw new GroundstreamError('invalid_argument', 'overlapPx', `overlapPx must be a non-negative integer, got ${overlapPx}`);
  }
  if (overlapPx >= tileSizePx) {
    throw new GroundstreamError(
      'invalid_argument',
      'overlapPx',
      `overlapPx (${overlapPx}) must be smaller than tileSizePx (${tileSizePx}), or the tiles would never advance`,
    );
  }
  const stridePx = tileSizePx - overlapPx;
  const colStartsPx = axisStarts(sceneWidthPx, tileSizePx, stridePx);
  const rowStartsPx = axisStarts(sceneHeightPx, tileSizePx, stridePx);
  const tiles: GridTile[] = [];
  for (let row = 0; row < rowStartsPx.length; row++) {
    for (let col = 0; col < colStartsPx.length; col++) {
      const x0 = colStartsPx[col], y0 = rowStartsPx[row];
      tiles.push({
        tileId: `r${row}c${col}`,
        row,
        col,
        window: { x0, y0, x1: Math.min(x0 + tileSizePx, sceneWidthPx), y1: Math.min(y0 + tileSizePx, sceneHeightPx) },
      });
    }
  }
  return { ...options, rows: rowStartsPx.length, cols: colStartsPx.length, colStartsPx, rowStartsPx, tiles };
}

/** True when two windows share at least one pixel (touching edges do not count). */
export function windowsIntersect(a: PixelWindow, b: PixelWindow): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** True when `outer` contains every pixel of `inner`. */
export function windowContains(outer: PixelWindow, inner: PixelWindow): boolean {
  return outer.x0 <= inner.x0 && outer.y0 <= inner.y0 && outer.x1 >= inner.x1 && outer.y1 >= inner.y1;
}

/** Indices of the starts whose span [start, start + size) meets [lo, hi). */
function axisRange(starts: number[], sizePx: number, lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < starts.length; i++) if (starts[i] < hi && lo < starts[i] + sizePx) out.push(i);
  return out;
}

/**
 * Tiles sharing at least one pixel with `window` (scene pixels), row-major. Fractional windows
 * (boxes) are fine.
 *
 * @example
 * tilesIntersecting(grid, { x0: 500, y0: 0, x1: 510, y1: 10 }).map((t) => t.tileId) // → ['r0c0', 'r0c1']
 */
export function tilesIntersecting(grid: TileGrid, window: PixelWindow): GridTile[] {
  const cols = axisRange(grid.colStartsPx, grid.tileSizePx, window.x0, Math.min(window.x1, grid.sceneWidthPx));
  const rows = axisRange(grid.rowStartsPx, grid.tileSizePx, window.y0, Math.min(window.y1, grid.sceneHeightPx));
  const out: GridTile[] = [];
  for (const r of rows) for (const c of cols) out.push(grid.tiles[r * grid.cols + c]);
  return out;
}

/**
 * Which sides of `tile` are shared with a neighbouring tile. A box touching an inner side may be
 * cut by the tile; a box touching a scene-edge side is cut by the scene and no tile sees more.
 *
 * @example
 * innerEdges(grid, grid.tiles[0]) // → { left: false, top: false, right: true, bottom: true } in a 2×2 grid
 */
export function innerEdges(grid: TileGrid, tile: Pick<GridTile, 'row' | 'col'>): InnerEdges {
  return { left: tile.col > 0, top: tile.row > 0, right: tile.col < grid.cols - 1, bottom: tile.row < grid.rows - 1 };
}

/** The tile at (row, col), or undefined outside the grid. */
export function tileAt(grid: TileGrid, row: number, col: number): GridTile | undefined {
  if (row < 0 || col < 0 || row >= grid.rows || col >= grid.cols) return undefined;
  return grid.tiles[row * grid.cols + col];
}
