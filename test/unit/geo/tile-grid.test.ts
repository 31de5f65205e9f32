import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../src/core/errors';
import { createTileGrid, innerEdges, tileAt, tilesIntersecting, type TileGridOptions } from '../../../src/geo/tile-grid';

describe('createTileGrid', () => {
  const cases: { name: string; o: TileGridOptions; cols: number[]; rows: number[]; size: [number, number] }[] = [
    { name: 'scene = tile', o: { sceneWidthPx: 512, sceneHeightPx: 512, tileSizePx: 512, overlapPx: 64 }, cols: [0], rows: [0], size: [512, 512] },
    { name: 'scene < tile: one clipped tile', o: { sceneWidthPx: 300, sceneHeightPx: 200, tileSizePx: 512, overlapPx: 64 }, cols: [0], rows: [0], size: [300, 200] },
    { name: 'scene = tile + 1: last tile shifted back by tileSize - 1', o: { sceneWidthPx: 513, sceneHeightPx: 512, tileSizePx: 512, overlapPx: 0 }, cols: [0, 1], rows: [0], size: [512, 512] },
    { name: 'exact stride fit', o: { sceneWidthPx: 100, sceneHeightPx: 100, tileSizePx: 40, overlapPx: 10 }, cols: [0, 30, 60], rows: [0, 30, 60], size: [40, 40] },
    { name: 'ragged edge: last column shifted back', o: { sceneWidthPx: 1000, sceneHeightPx: 600, tileSizePx: 512, overlapPx: 64 }, cols: [0, 448, 488], rows: [0, 88], size: [512, 512] },
    { name: 'wide and short scene', o: { sceneWidthPx: 50, sceneHeightPx: 7, tileSizePx: 20, overlapPx: 5 }, cols: [0, 15, 30], rows: [0], size: [20, 7] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const g = createTileGrid(c.o);
      assert.deepEqual(g.colStartsPx, c.cols);
      assert.deepEqual(g.rowStartsPx, c.rows);
      assert.equal(g.tiles.length, c.cols.length * c.rows.length);
      for (const t of g.tiles) {
        assert.equal(t.tileId, `r${t.row}c${t.col}`);
        assert.deepEqual([t.window.x1 - t.window.x0, t.window.y1 - t.window.y0], c.size);
        assert.ok(t.window.x0 >= 0 && t.window.y0 >= 0 && t.window.x1 <= c.o.sceneWidthPx && t.window.y1 <= c.o.sceneHeightPx);
        assert.equal(tileAt(g, t.row, t.col), t);
      }
    });
  }

  const coverage: TileGridOptions[] = [
    { sceneWidthPx: 97, sceneHeightPx: 61, tileSizePx: 16, overlapPx: 3 },
    { sceneWidthPx: 64, sceneHeightPx: 64, tileSizePx: 16, overlapPx: 0 },
    { sceneWidthPx: 17, sceneHeightPx: 5, tileSizePx: 16, overlapPx: 15 },
    { sceneWidthPx: 10, sceneHeightPx: 33, tileSizePx: 32, overlapPx: 8 },
  ];
  for (const o of coverage) {
    it(`covers every pixel at least once (${o.sceneWidthPx}×${o.sceneHeightPx}, tile ${o.tileSizePx}, overlap ${o.overlapPx})`, () => {
      const g = createTileGrid(o);
      const hits = new Uint16Array(o.sceneWidthPx * o.sceneHeightPx);
      for (const { window: w } of g.tiles) for (let y = w.y0; y < w.y1; y++) for (let x = w.x0; x < w.x1; x++) hits[y * o.sceneWidthPx + x]++;
      assert.ok(hits.every((h) => h >= 1));
      // neighbours overlap by at least overlapPx
      for (let i = 1; i < g.colStartsPx.length; i++) assert.ok(g.colStartsPx[i - 1] + o.tileSizePx - g.colStartsPx[i] >= o.overlapPx);
    });
  }

  const invalid: { name: string; o: TileGridOptions; input: string }[] = [
    { name: 'overlap = tile size', o: { sceneWidthPx: 100, sceneHeightPx: 100, tileSizePx: 32, overlapPx: 32 }, input: 'overlapPx' },
    { name: 'negative overlap', o: { sceneWidthPx: 100, sceneHeightPx: 100, tileSizePx: 32, overlapPx: -1 }, input: 'overlapPx' },
    { name: 'zero tile size', o: { sceneWidthPx: 100, sceneHeightPx: 100, tileSizePx: 0, overlapPx: 0 }, input: 'tileSizePx' },
    { name: 'zero scene width', o: { sceneWidthPx: 0, sceneHeightPx: 100, tileSizePx: 32, overlapPx: 0 }, input: 'sceneWidthPx' },
    { name: 'fractional scene height', o: { sceneWidthPx: 10, sceneHeightPx: 10.5, tileSizePx: 32, overlapPx: 0 }, input: 'sceneHeightPx' },
  ];
  for (const c of invalid) {
    it(`rejects ${c.name}`, () => {
      assert.throws(() => createTileGrid(c.o), (e: unknown) => isGroundstreamError(e, 'invalid_argument') && e.input === c.input);
    });
  }
});

describe('tilesIntersecting', () => {
  const g = createTileGrid({ sceneWidthPx: 100, sceneHeightPx: 100, tileSizePx: 40, overlapPx: 10 }); // starts 0, 30, 60
  const cases: { name: string; w: { x0: number; y0: number; x1: number; y1: number }; ids: string[] }[] = [
    { name: 'inside one tile only', w: { x0: 0, y0: 0, x1: 10, y1: 10 }, ids: ['r0c0'] },
    { name: 'in an overlap column', w: { x0: 32, y0: 0, x1: 38, y1: 10 }, ids: ['r0c0', 'r0c1'] },
    { name: 'in a four-way overlap', w: { x0: 31, y0: 31, x1: 39, y1: 39 }, ids: ['r0c0', 'r0c1', 'r1c0', 'r1c1'] },
    { name: 'touching an edge does not count', w: { x0: 40, y0: 0, x1: 50, y1: 5 }, ids: ['r0c1'] },
    { name: 'whole scene', w: { x0: 0, y0: 0, x1: 100, y1: 100 }, ids: g.tiles.map((t) => t.tileId) },
    { name: 'fractional box', w: { x0: 69.5, y0: 0, x1: 70.5, y1: 1 }, ids: ['r0c1', 'r0c2'] },
    { name: 'outside the scene', w: { x0: 120, y0: 0, x1: 130, y1: 10 }, ids: [] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(tilesIntersecting(g, c.w).map((t) => t.tileId), c.ids));
});

describe('innerEdges', () => {
  const g = createTileGrid({ sceneWidthPx: 100, sceneHeightPx: 70, tileSizePx: 40, overlapPx: 10 }); // 3 cols × 2 rows
  const cases: { row: number; col: number; e: { left: boolean; top: boolean; right: boolean; bottom: boolean } }[] = [
    { row: 0, col: 0, e: { left: false, top: false, right: true, bottom: true } },
    { row: 0, col: 1, e: { left: true, top: false, right: true, bottom: true } },
    { row: 1, col: 2, e: { left: true, top: true, right: false, bottom: false } },
  ];
  for (const c of cases) it(`r${c.row}c${c.col}`, () => assert.deepEqual(innerEdges(g, c), c.e));
  it('a single-tile scene has no inner edges', () => {
    const one = createTileGrid({ sceneWidthPx: 10, sceneHeightPx: 10, tileSizePx: 40, overlapPx: 10 });
    assert.deepEqual(innerEdges(one, one.tiles[0]), { left: false, top: false, right: false, bottom: false });
  });
});
