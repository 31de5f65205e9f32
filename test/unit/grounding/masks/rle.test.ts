import assert from 'node:assert/strict';
import { countsToString, decodeRle, encodeRle, mergeRle, rleArea, rleIou, stringToCounts } from '../../../../src/grounding/masks';
import { isGroundstreamError } from '../../../../src/core/errors';
import { art, lcg } from './art';

/*
 * Expected strings, areas and IoUs come from pycocotools' own C code (cocoapi common/maskApi.c:
 * rleEncode, rleToString, rleArea, rleIou, rleMerge) compiled and run on the same masks, given in
 * Fortran order as pycocotools.mask.encode takes them.
 */
const KNOWN: { name: string; rows: string[]; counts: string; area: number }[] = [
  { name: '2×3 mixed, with a negative delta', rows: ['.##', '#..'], counts: '121O0', area: 3 },
  { name: 'empty', rows: ['.....', '.....', '.....', '.....'], counts: 'd0', area: 0 },
  { name: 'full: empty first run of zeros', rows: ['###', '###', '###'], counts: '09', area: 9 },
  { name: 'last pixel only', rows: ['....', '....', '...#'], counts: ';1', area: 1 },
  { name: 'first pixel only', rows: ['#...', '....', '....'], counts: '01;', area: 1 },
  { name: 'ring with a hole', rows: ['......', '.####.', '.#..#.', '.#..#.', '.####.', '......'], counts: '742M000000035', area: 12 },
  {
    name: 'diagonal',
    rows: ['#.......', '.#......', '..#.....', '...#....', '....#...', '.....#..', '......#.', '.......#'],
    counts: '0180000000000000',
    area: 8,
  },
  { name: 'column stripes', rows: ['#.#.#.#.#.', '#.#.#.#.#.', '#.#.#.#.#.'], counts: '03300000000', area: 15 },
  { name: 'row stripes', rows: ['##########', '..........', '##########'], counts: '011100000000000000000O', area: 20 },
];

function rect(width: number, height: number, x0: number, y0: number, x1: number, y1: number): Uint8Array {
  const m = new Uint8Array(width * height);
  for (let y = y0; y < y1; y++) m.fill(1, y * width + x0, y * width + x1);
  return m;
}

function randomMask(rand: () => number, width: number, height: number, density: number): Uint8Array {
  return Uint8Array.from({ length: width * height }, () => (rand() < density ? 1 : 0));
}

function rejects(fn: () => unknown, code = 'invalid_argument'): void {
  assert.throws(fn, (e: unknown) => isGroundstreamError(e, code as 'invalid_argument'));
}

describe('COCO RLE (pycocotools-compatible)', () => {
  describe('encodeRle / decodeRle on masks with pycocotools answers', () => {
    for (const k of KNOWN) {
      it(k.name, () => {
        const { mask, width, height } = art(k.rows);
        const rle = encodeRle(mask, width, height);
        assert.deepEqual(rle, { size: [height, width], counts: k.counts });
        assert.equal(rleArea(rle), k.area);
        assert.deepEqual(decodeRle(rle), { mask, width, height });
      });
    }

    it('a 100×100 rectangle and a 640×480 corner pixel (multi-character counts)', () => {
      const a = encodeRle(rect(100, 100, 30, 20, 70, 50), 100, 100);
      assert.equal(a.counts, '\\n2n0V2' + '0'.repeat(77) + 'Tm2');
      assert.equal(encodeRle(rect(640, 480, 639, 0, 640, 1), 640, 480).counts, 'Pa[91o>');
    });

    it('decodes a string published with a pycocotools-encoded 50×70 mask back to the same string', () => {
      const counts =
        '0g05b08J4M2N2NA^O1`0OCO=0E090H080IO68DH;>@C>a0_O_O`0j0OWOF<:CM72I24NL43JM92FN;1ENKO72L0LO91J0MO92INO0NO122OO0M031O000NO31OO11MO40N011MO41MO21L06OL021L06OL021L06OL021L060J040L060J040L060J040L060J040L060J040L060J040L060KO31L060KO31L06OL021L06OL021L06OL021MO41MO21MO40N100NO310O00M0310O00NO1220NO92IONO91KOMO72M0<1EO:2GN63KM34OLM73JF<;=1G_O_Ob0=AC`07EH=1IO71H090F0:1DO>1_O1b0>2N2N3L6H]O';
      const { mask, width, height } = decodeRle({ size: [50, 70], counts });
      assert.deepEqual([width, height], [70, 50]);
      assert.equal(rleArea({ size: [50, 70], counts }), 2346);
      assert.equal(mask.reduce((s, v) => s + v, 0), 2346);
      assert.equal(encodeRle(mask, width, height).counts, counts);
      // The drawing is mirror-symmetric: a wrong column/row order would not be.
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) assert.equal(mask[y * width + x], mask[y * width + width - 1 - x]);
    });

    it('treats any non-zero value as foreground', () => {
      assert.equal(encodeRle(Uint8Array.from([0, 7, 255, 1, 0, 0]), 3, 2).counts, '121O0');
    });

    it('round-trips random masks of many shapes and densities', () => {
      const rand = lcg(7);
      for (const [w, h] of [[1, 1], [1, 9], [9, 1], [13, 17], [64, 48], [333, 101]]) {
        for (const density of [0, 0.02, 0.5, 0.98, 1]) {
          const mask = randomMask(rand, w, h, density);
          const rle = encodeRle(mask, w, h);
          assert.deepEqual(decodeRle(rle).mask, mask, `${w}×${h} at ${density}`);
          assert.equal(rleArea(rle), mask.reduce((s, v) => s + v, 0));
        }
      }
    });
  });

  describe('counts string', () => {
    const TABLE: { counts: number[]; s: string }[] = [
      { counts: [1, 2, 1, 1, 1], s: '121O0' },
      { counts: [0], s: '0' },
      { counts: [20], s: 'd0' },
      { counts: [16], s: '`0' }, // 16 needs a second group: bit 0x10 of a last group is the sign
      { counts: [15], s: '?' },
    ];
    for (const t of TABLE) {
      it(`[${t.counts.join(', ')}] ↔ '${t.s}'`, () => {
        assert.equal(countsToString(t.counts), t.s);
        assert.deepEqual(Array.from(stringToCounts(t.s)), t.counts);
      });
    }

    it('round-trips large counts and large negative deltas (beyond 32-bit JS bit operators)', () => {
      const counts = [0, 4_000_000_000, 1, 3, 4_294_967_295, 7, 0x7fffffff, 123_456_789];
      assert.deepEqual(Array.from(stringToCounts(countsToString(counts))), counts);
    });

    it('rejects characters outside the alphabet and truncated strings', () => {
      rejects(() => stringToCounts('12~'));
      rejects(() => stringToCounts('1h')); // 'h' = 56 has the "more" bit and nothing follows
    });
  });

  describe('rleIou and mergeRle on runs', () => {
    const a = encodeRle(rect(100, 100, 30, 20, 70, 50), 100, 100);
    const b = encodeRle(rect(100, 100, 50, 40, 90, 80), 100, 100);

    it('match pycocotools on two overlapping rectangles', () => {
      assert.equal(rleIou(a, b), 0.076923076923076927);
      assert.equal(
        mergeRle([a, b]).counts,
        '\\n2n0V2' + '0'.repeat(38) + 'n0RO' + '0'.repeat(37) + 'd0\\O' + '0'.repeat(38) + 'Pn0',
      );
      assert.equal(mergeRle([a, b], true).counts, '`m4:j2' + '0'.repeat(37) + '`l2');
    });

    it('IoU edge cases: identical, disjoint, both empty (0, as pycocotools)', () => {
      const empty = encodeRle(new Uint8Array(100 * 100), 100, 100);
      assert.equal(rleIou(a, a), 1);
      assert.equal(rleIou(a, encodeRle(rect(100, 100, 0, 90, 10, 100), 100, 100)), 0);
      assert.equal(rleIou(empty, empty), 0);
      assert.equal(rleIou(a, empty), 0);
    });

    it('agree with computations on decoded masks for random masks', () => {
      const rand = lcg(99);
      for (const [w, h] of [[1, 1], [5, 3], [31, 29], [120, 80]]) {
        for (let t = 0; t < 8; t++) {
          const masks = [0, 1, 2].map(() => randomMask(rand, w, h, [0, 0.1, 0.5, 0.9, 1][Math.floor(rand() * 5)]));
          const rles = masks.map((m) => encodeRle(m, w, h));
          let inter = 0;
          let union = 0;
          for (let i = 0; i < w * h; i++) {
            inter += masks[0][i] & masks[1][i];
            union += masks[0][i] | masks[1][i];
          }
          assert.equal(rleIou(rles[0], rles[1]), inter === 0 ? 0 : inter / union);
          const or = masks[0].map((v, i) => v | masks[1][i] | masks[2][i]);
          const and = masks[0].map((v, i) => v & masks[1][i] & masks[2][i]);
          assert.equal(mergeRle(rles).counts, encodeRle(or, w, h).counts);
          assert.equal(mergeRle(rles, true).counts, encodeRle(and, w, h).counts);
          assert.equal(mergeRle([rles[0]]).counts, rles[0].counts);
        }
      }
    });

    it('reject masks of different sizes, no masks, and runs that do not cover the size', () => {
      const small = encodeRle(new Uint8Array(6), 3, 2);
      rejects(() => rleIou(a, small));
      rejects(() => mergeRle([a, small]));
      rejects(() => mergeRle([]));
      rejects(() => decodeRle({ size: [2, 4], counts: '121O0' }));
      rejects(() => rleArea({ size: [6], counts: '6' }));
      rejects(() => encodeRle(new Uint8Array(5), 3, 2));
    });
  });
});
