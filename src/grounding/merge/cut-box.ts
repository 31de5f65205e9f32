import { innerEdges, tilesIntersecting, type GridTile, type PixelWindow, type TileGrid } from '../../geo/tile-grid';

/**
 * How a box relates to the edges of the tile it was found in:
 * - `complete`: touches no inner edge, so the tile saw the whole object (as far as the scene goes);
 * - `cut`: touches an inner edge, and no other tile sees past that edge around the box, so this is the
 *   best view there is (the object is wider than the overlap);
 * - `cut-covered`: touches an inner edge, and another tile contains the box and sees past every
 *   touched edge, so that tile's box of the same object should be preferred.
 */
export type BoxCut = 'complete' | 'cut' | 'cut-covered';

/**
 * Classifies a scene-pixel box found in `tile`. A side counts as touched when the box comes within
 * `edgeMarginPx` of it; scene edges never count, since no tile sees past them.
 *
 * @example
 * classifyTileBox(grid, grid.tiles[0], { x0: 500, y0: 10, x1: 512, y1: 30 }, 2) // → 'cut-covered' when r0c1 spans x 448..960
 */
export function classifyTileBox(grid: TileGrid, tile: GridTile, box: PixelWindow, edgeMarginPx: number): BoxCut {
  const inner = innerEdges(grid, tile);
  const w = tile.window;
  const left = inner.left && box.x0 <= w.x0 + edgeMarginPx;
  const top = inner.top && box.y0 <= w.y0 + edgeMarginPx;
  const right = inner.right && box.x1 >= w.x1 - edgeMarginPx;
  const bottom = inner.bottom && box.y1 >= w.y1 - edgeMarginPx;
  if (!left && !top && !right && !bottom) return 'complete';
  for (const other of tilesIntersecting(grid, box)) {
    if (other === tile || other.tileId === tile.tileId) continue;
    const o = other.window;
    const contains = o.x0 <= box.x0 && o.y0 <= box.y0 && o.x1 >= box.x1 && o.y1 >= box.y1;
    if (!contains) continue;
    // the other tile must see strictly past each cut, or its box is cut in the same place
    const seesPast =
      (!left || box.x0 - o.x0 > edgeMarginPx || o.x0 === 0) &&
      (!top || box.y0 - o.y0 > edgeMarginPx || o.y0 === 0) &&
      (!right || o.x1 - box.x1 > edgeMarginPx || o.x1 === grid.sceneWidthPx) &&
      (!bottom || o.y1 - box.y1 > edgeMarginPx || o.y1 === grid.sceneHeightPx);
    if (seesPast) return 'cut-covered';
  }
  return 'cut';
}
