import assert from 'node:assert/strict';
import { createTileGrid } from '../../../src/geo/tile-grid';
import { orderTilesInSwaths, swathWidthForBlocks, type BlockLayout } from '../../../src/geo/tile-order';

const MB = 1024 * 1024;

describe('swathWidthForBlocks', () => {
  const cases: { name: string; o: BlockLayout; want: number }[] = [
    { name: '16k RGB, 512² blocks, 48 MB: 23 block columns (2 block rows each)', o: { sceneWidthPx: 16384, tileSizePx: 416, blockWidthPx: 512, blockHeightPx: 512, bytesPerPixel: 3, cacheBytes: 48 * MB }, want: 23 * 512 },
    { name: '4K RGB, 256² blocks: the whole width fits, row-major', o: { sceneWidthPx: 3840, tileSizePx: 416, blockWidthPx: 256, blockHeightPx: 256, bytesPerPixel: 3, cacheBytes: 48 * MB }, want: 3840 },
    { name: 'strips span the width: always row-major', o: { sceneWidthPx: 40000, tileSizePx: 416, blockWidthPx: 40000, blockHeightPx: 3, bytesPerPixel: 6, cacheBytes: 1 * MB }, want: 40000 },
    { name: 'a tiny cache still reads at least one tile wide', o: { sceneWidthPx: 16384, tileSizePx: 416, blockWidthPx: 512, blockHeightPx: 512, bytesPerPixel: 3, cacheBytes: 2 * MB }, want: 416 },
    { name: '6-band 16-bit blocks weigh 4× more: a quarter as wide', o: { sceneWidthPx: 100000, tileSizePx: 512, blockWidthPx: 512, blockHeightPx: 512, bytesPerPixel: 12, cacheBytes: 192 * MB }, want: 23 * 512 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(swathWidthForBlocks(c.o), c.want));
});

describe('orderTilesInSwaths', () => {
  const grid = createTileGrid({ sceneWidthPx: 100, sceneHeightPx: 50, tileSizePx: 20, overlapPx: 5 }); // cols 0,15,…,80: 7 columns, 3 rows
  const ids = (w: number) => orderTilesInSwaths(grid, w).map((t) => t.tileId);

  it('a swath as wide as the scene is row-major (the grid itself)', () => {
    assert.equal(orderTilesInSwaths(grid, 100), grid.tiles);
  });
  it('swaths of whole tile columns, row-major inside each; every tile once', () => {
    // (50 - 5) / 15 = 3 columns per swath: c0-2, c3-5, c6
    assert.deepEqual(ids(50), [
      'r0c0', 'r0c1', 'r0c2', 'r1c0', 'r1c1', 'r1c2', 'r2c0', 'r2c1', 'r2c2',
      'r0c3', 'r0c4', 'r0c5', 'r1c3', 'r1c4', 'r1c5', 'r2c3', 'r2c4', 'r2c5',
      'r0c6', 'r1c6', 'r2c6',
    ]);
  });
  it('narrower than a tile: one column per swath', () => {
    assert.deepEqual(ids(10).slice(0, 4), ['r0c0', 'r1c0', 'r2c0', 'r0c1']);
    assert.equal(new Set(ids(10)).size, grid.tiles.length);
  });
});
