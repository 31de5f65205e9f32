import assert from 'node:assert/strict';
import type { Detections } from '../../../../src/core/detections';
import { createTileGrid } from '../../../../src/geo/tile-grid';
import { classifyTileBox, concatDetections, iosAt, mergeTileDetections, shiftToScene } from '../../../../src/grounding/merge';

type Box = [number, number, number, number];
function dets(boxes: { box: Box; score: number; cls?: number; phrase?: string }[]): Detections {
  const d: Detections = {
    xyxy: Float32Array.from(boxes.flatMap((b) => b.box)),
    score: Float32Array.from(boxes, (b) => b.score),
    classId: Int32Array.from(boxes, (b) => b.cls ?? 0),
    label: boxes.map((b) => `c${b.cls ?? 0}`),
  };
  if (boxes.some((b) => b.phrase)) d.phrase = boxes.map((b) => b.phrase ?? '');
  return d;
}
const boxesOf = (d: Detections): number[][] => Array.from({ length: d.score.length }, (_, i) => Array.from(d.xyxy.subarray(i * 4, i * 4 + 4)));

// two tiles side by side: A = x [0, 100), B = x [80, 180); overlap x [80, 100)
const grid = createTileGrid({ sceneWidthPx: 180, sceneHeightPx: 100, tileSizePx: 100, overlapPx: 20 });
const [A, B] = grid.tiles;

describe('shiftToScene', () => {
  it('adds the window origin and copies the other fields', () => {
    const d = dets([{ box: [1, 2, 3, 4], score: 0.5, phrase: 'a car' }]);
    const s = shiftToScene(d, { x0: 80, y0: 10 });
    assert.deepEqual(boxesOf(s), [[81, 12, 83, 14]]);
    assert.deepEqual(s.phrase, ['a car']);
    s.score[0] = 0;
    assert.equal(d.score[0], 0.5);
  });
});

describe('concatDetections', () => {
  it('keeps phrases when any part has them, filling the rest', () => {
    const c = concatDetections([dets([{ box: [0, 0, 1, 1], score: 0.1 }]), dets([{ box: [2, 2, 3, 3], score: 0.2, phrase: 'p' }])]);
    assert.deepEqual(boxesOf(c), [[0, 0, 1, 1], [2, 2, 3, 3]]);
    assert.deepEqual(c.phrase, ['', 'p']);
    assert.equal(c.trackId, undefined);
  });
});

describe('iosAt', () => {
  const cases: { name: string; boxes: number[]; ios: number }[] = [
    { name: 'cut box inside full box', boxes: [0, 0, 10, 10, 0, 0, 3, 10], ios: 1 },
    { name: 'half of the smaller', boxes: [0, 0, 10, 10, 8, 0, 12, 10], ios: 0.5 },
    { name: 'touching', boxes: [0, 0, 10, 10, 10, 0, 20, 10], ios: 0 },
    { name: 'degenerate', boxes: [0, 0, 10, 10, 5, 5, 5, 5], ios: 0 },
  ];
  for (const c of cases) it(c.name, () => assert.ok(Math.abs(iosAt(c.boxes, 0, 1) - c.ios) < 1e-9));
});

describe('classifyTileBox', () => {
  const wide = createTileGrid({ sceneWidthPx: 300, sceneHeightPx: 100, tileSizePx: 100, overlapPx: 20 }); // x 0,80,160,200
  const cases: { name: string; tile: number; box: Box; cut: string; g?: typeof grid }[] = [
    { name: 'inside the tile', tile: 0, box: [10, 10, 50, 50], cut: 'complete' },
    { name: 'touching a scene edge only', tile: 0, box: [0, 0, 50, 100], cut: 'complete' },
    { name: 'touching the inner right edge, neighbour sees past it', tile: 0, box: [90, 30, 100, 60], cut: 'cut-covered' },
    { name: 'within the margin of the inner edge', tile: 0, box: [90, 30, 98.5, 60], cut: 'cut-covered' },
    { name: 'just outside the margin', tile: 0, box: [90, 30, 97, 60], cut: 'complete' },
    { name: 'touching the inner left edge of B, A starts at the scene edge', tile: 1, box: [80, 30, 85, 60], cut: 'cut-covered' },
    { name: 'wider than the overlap: nobody sees it whole', tile: 0, box: [60, 30, 100, 60], cut: 'cut' },
    { name: 'cut on both sides of a middle tile', tile: 1, box: [80, 30, 180, 60], cut: 'cut', g: wide },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const g = c.g ?? grid;
      const [x0, y0, x1, y1] = c.box;
      assert.equal(classifyTileBox(g, g.tiles[c.tile], { x0, y0, x1, y1 }, 2), c.cut);
    });
  }
});

describe('mergeTileDetections', () => {
  it('one object split across the seam gives one result: the complete box', () => {
    const out = mergeTileDetections(
      [
        { tile: A, dets: dets([{ box: [90, 30, 100, 60], score: 0.9 }]) }, // cut at A's right edge
        { tile: B, dets: dets([{ box: [10, 30, 40, 60], score: 0.7 }]) }, // scene [90, 30, 120, 60]
      ],
      { grid },
    );
    assert.deepEqual(boxesOf(out), [[90, 30, 120, 60]]);
    assert.ok(Math.abs(out.score[0] - 0.7) < 1e-6);
    assert.deepEqual(out.tileId, ['r0c1']);
    assert.deepEqual(Array.from(out.cut), [0]);
  });

  it('the same object seen whole by both tiles gives one result (IoU)', () => {
    const out = mergeTileDetections(
      [{ tile: A, dets: dets([{ box: [84, 30, 94, 60], score: 0.8 }]) }, { tile: B, dets: dets([{ box: [4, 30, 14, 60], score: 0.9 }]) }],
      { grid },
    );
    assert.deepEqual(boxesOf(out), [[84, 30, 94, 60]]);
    assert.deepEqual(out.tileId, ['r0c1']);
  });

  it('two adjacent objects of the same class are not merged', () => {
    const out = mergeTileDetections(
      [
        { tile: A, dets: dets([{ box: [60, 30, 85, 60], score: 0.9 }, { box: [85, 30, 100, 60], score: 0.8 }]) },
        { tile: B, dets: dets([{ box: [0, 30, 5, 60], score: 0.6 }, { box: [5, 30, 30, 60], score: 0.85 }]) },
      ],
      { grid },
    );
    assert.deepEqual(boxesOf(out), [[60, 30, 85, 60], [85, 30, 110, 60]]);
  });

  it('different classes never merge', () => {
    const out = mergeTileDetections(
      [{ tile: A, dets: dets([{ box: [84, 30, 94, 60], score: 0.8, cls: 1 }]) }, { tile: B, dets: dets([{ box: [4, 30, 14, 60], score: 0.9, cls: 2 }]) }],
      { grid },
    );
    assert.equal(out.score.length, 2);
    assert.deepEqual(Array.from(out.classId), [2, 1]);
  });

  it('IoS does not merge a small box inside a big one of the same tile', () => {
    const out = mergeTileDetections([{ tile: A, dets: dets([{ box: [10, 10, 60, 60], score: 0.9 }, { box: [20, 20, 30, 30], score: 0.8 }]) }], { grid });
    assert.equal(out.score.length, 2);
  });

  it('keeps a cut box whose neighbour missed the object', () => {
    const out = mergeTileDetections([{ tile: A, dets: dets([{ box: [90, 30, 100, 60], score: 0.9 }]) }, { tile: B, dets: dets([]) }], { grid });
    assert.deepEqual(boxesOf(out), [[90, 30, 100, 60]]);
    assert.deepEqual(Array.from(out.cut), [1]);
  });

  it('nmm: the union of the group with its best score', () => {
    const out = mergeTileDetections(
      [
        { tile: A, dets: dets([{ box: [90, 30, 100, 62], score: 0.9, phrase: 'red car' }]) },
        { tile: B, dets: dets([{ box: [8, 28, 40, 60], score: 0.6, phrase: 'red car' }]) },
      ],
      { grid, mode: 'nmm' },
    );
    assert.deepEqual(boxesOf(out), [[88, 28, 120, 62]]);
    assert.ok(Math.abs(out.score[0] - 0.9) < 1e-6);
    assert.deepEqual(out.phrase, ['red car']);
  });

  it('nmm leaves unmatched boxes as they are', () => {
    const out = mergeTileDetections(
      [{ tile: A, dets: dets([{ box: [10, 10, 20, 20], score: 0.5 }]) }, { tile: B, dets: dets([{ box: [50, 10, 60, 20], score: 0.6 }]) }],
      { grid, mode: 'nmm' },
    );
    assert.deepEqual(boxesOf(out), [[130, 10, 140, 20], [10, 10, 20, 20]]);
  });

  it('caps the count, best first, and handles no input', () => {
    const out = mergeTileDetections([{ tile: A, dets: dets([{ box: [0, 0, 5, 5], score: 0.2 }, { box: [30, 0, 35, 5], score: 0.7 }]) }], { grid, maxDetections: 1 });
    assert.deepEqual(Array.from(out.score), [Math.fround(0.7)]);
    assert.equal(mergeTileDetections([], { grid }).score.length, 0);
  });

  it('rejects an unknown mode', () => {
    assert.throws(() => mergeTileDetections([], { grid, mode: 'wbf' as 'nms' }), /mode must be/);
  });
});
