import assert from 'node:assert/strict';
import { meanInPolygon } from '../../../../src/models/ocr/box-score';
import { decodeDbMap } from '../../../../src/models/ocr/decode-db-map';
import { findRegions } from '../../../../src/models/ocr/find-regions';
import type { Point } from '../../../../src/models/ocr/point';

/** A map from rows of characters: '#' = 0.9, '+' = 0.4, '.' = 0. */
function map(rows: string[]): { data: Float32Array; width: number; height: number } {
  const width = rows[0].length;
  const data = new Float32Array(width * rows.length);
  rows.forEach((r, y) => [...r].forEach((c, x) => { data[y * width + x] = c === '#' ? 0.9 : c === '+' ? 0.4 : 0; }));
  return { data, width, height: rows.length };
}

describe('findRegions', () => {
  const cases: { name: string; rows: string[]; sizes: number[] }[] = [
    { name: 'two separate blobs', rows: ['##..#', '##..#', '.....'], sizes: [4, 2] },
    { name: 'diagonal neighbours join (8-connected)', rows: ['#...', '.#..', '..#.'], sizes: [3] },
    { name: 'a U joins at its bottom, after two runs above', rows: ['#..#', '#..#', '####'], sizes: [8] },
    { name: 'a ring is one region; its hole is none', rows: ['####', '#..#', '####'], sizes: [10] },
    { name: 'runs touching across a gap of two are apart', rows: ['##...', '....#'], sizes: [2, 1] },
    { name: 'empty map', rows: ['....', '....'], sizes: [] },
    { name: 'threshold is strict: 0.4 counts at 0.3', rows: ['++.', '...'], sizes: [2] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = map(c.rows);
      assert.deepEqual(findRegions(m.data, m.width, m.height, 0.3).map((r) => r.pixelCount), c.sizes);
    });
  }

  it('outlines a region by its runs\' end pixel centres', () => {
    const m = map(['.###', '..#.']);
    assert.deepEqual(findRegions(m.data, m.width, m.height, 0.3)[0].outline, [[1.5, 0.5], [3.5, 0.5], [2.5, 1.5]]);
  });

  it('stops at maxRegions', () => {
    const m = map(['#.#.#.#']);
    assert.equal(findRegions(m.data, m.width, m.height, 0.3, 2).length, 2);
  });
});

describe('meanInPolygon', () => {
  // 4 × 4 map whose value is the pixel index.
  const values = Float32Array.from({ length: 16 }, (_, i) => i);
  const cases: { name: string; polygon: Point[]; mean: number }[] = [
    { name: 'pixel centres on the edges count', polygon: [[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 1.5]], mean: (0 + 1 + 4 + 5) / 4 },
    { name: 'whole map', polygon: [[0, 0], [4, 0], [4, 4], [0, 4]], mean: 7.5 },
    { name: 'triangle, either winding', polygon: [[0, 0], [0, 4], [4, 0]], mean: (0 + 1 + 2 + 3 + 4 + 5 + 6 + 8 + 9 + 12) / 10 },
    { name: 'clipped at the map edge', polygon: [[2.5, 2.5], [9, 2.5], [9, 9], [2.5, 9]], mean: (10 + 11 + 14 + 15) / 4 },
    { name: 'no pixel centre inside', polygon: [[0.6, 0.6], [1.4, 0.6], [1.4, 1.4], [0.6, 1.4]], mean: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => assert.ok(Math.abs(meanInPolygon(values, 4, 4, c.polygon) - c.mean) < 1e-9, `${meanInPolygon(values, 4, 4, c.polygon)} vs ${c.mean}`));
  }
});

/** Paints a filled rotated rectangle of probability `p` (pixel centres inside). */
function paint(data: Float32Array, width: number, r: { cx: number; cy: number; w: number; h: number; deg: number }, p: number): void {
  const a = (r.deg * Math.PI) / 180;
  for (let y = 0; y < data.length / width; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - r.cx;
      const dy = y + 0.5 - r.cy;
      const s = dx * Math.cos(a) + dy * Math.sin(a);
      const t = -dx * Math.sin(a) + dy * Math.cos(a);
      if (Math.abs(s) <= r.w / 2 && Math.abs(t) <= r.h / 2) data[y * width + x] = p;
    }
  }
}

describe('decodeDbMap on a synthetic probability map', () => {
  const W = 160;
  const H = 100;
  const data = new Float32Array(W * H);
  paint(data, W, { cx: 40, cy: 20, w: 60, h: 10, deg: 0 }, 0.95); // a text line
  paint(data, W, { cx: 100, cy: 65, w: 70, h: 12, deg: 20 }, 0.9); // a slanted line
  paint(data, W, { cx: 30, cy: 80, w: 30, h: 10, deg: 0 }, 0.45); // above 0.3, box score below 0.6
  paint(data, W, { cx: 140, cy: 10, w: 20, h: 2, deg: 0 }, 0.95); // 2 pixels tall: too thin
  const boxes = decodeDbMap(data, W, H);

  it('keeps the two text lines, drops the faint and the thin', () => {
    assert.equal(boxes.length, 2);
    assert.ok(boxes.every((b) => b.score > 0.85), `scores ${boxes.map((b) => b.score)}`);
  });

  it('grows the axis-aligned kernel by the unclip distance on every side', () => {
    // Pixel centres span 59 × 9 (x 10.5..69.5, y 15.5..24.5); d = 59·9·1.5 / (2·68).
    const d = (59 * 9 * 1.5) / (2 * 68);
    const q = boxes.find((b) => b.quad[0][1] < 30)!.quad;
    const want: Point[] = [[10.5 - d, 15.5 - d], [69.5 + d, 15.5 - d], [69.5 + d, 24.5 + d], [10.5 - d, 24.5 + d]];
    q.forEach((p, i) => assert.ok(Math.hypot(p[0] - want[i][0], p[1] - want[i][1]) < 1e-6, `corner ${i}: ${p} vs ${want[i]}`));
  });

  it('follows the slant of the turned line, corners from the top-left clockwise', () => {
    const q = boxes.find((b) => b.quad[0][1] >= 30)!.quad;
    const [tl, tr, br, bl] = q;
    const angle = (Math.atan2(tr[1] - tl[1], tr[0] - tl[0]) * 180) / Math.PI;
    assert.ok(Math.abs(angle - 20) < 2, `angle ${angle}`);
    const width = Math.hypot(tr[0] - tl[0], tr[1] - tl[1]);
    const height = Math.hypot(bl[0] - tl[0], bl[1] - tl[1]);
    // Pixel centres fill the 70 × 12 rectangle up to a pixel; grown by 70·12·1.5 / (2·82) ≈ 7.7 a side.
    const d = (70 * 12 * 1.5) / (2 * 82);
    assert.ok(Math.abs(width - (70 + 2 * d)) < 2 && Math.abs(height - (12 + 2 * d)) < 2, `${width} × ${height}`);
    assert.ok(tl[0] < tr[0] && bl[0] < br[0] && tl[1] < bl[1] && tr[1] < br[1]);
    const cx = (tl[0] + br[0]) / 2;
    const cy = (tl[1] + br[1]) / 2;
    assert.ok(Math.hypot(cx - 100, cy - 65) < 1, `centre ${cx},${cy}`);
  });

  it('drops boxes below a higher box threshold and keeps faint ones at a lower', () => {
    assert.equal(decodeDbMap(data, W, H, { boxThreshold: 0.99 }).length, 0);
    assert.equal(decodeDbMap(data, W, H, { boxThreshold: 0.4 }).length, 3);
  });
});
