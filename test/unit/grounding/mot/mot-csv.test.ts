import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { parseMotCsv, toMotCsvLine, type MotRow } from '../../../../src/grounding/mot';

describe('toMotCsvLine', () => {
  const cases: { name: string; row: MotRow; line: string }[] = [
    { name: 'at most two decimals, no padding zeros', row: { frame: 12, id: 3, x: 10.5, y: 20, w: 30, h: 40.25, score: 0.912 }, line: '12,3,10.5,20,30,40.25,0.91,-1,-1,-1' },
    { name: 'rounds to two decimals', row: { frame: 1, id: 1, x: 1.005001, y: 2.999, w: 3.1, h: 4, score: 1 }, line: '1,1,1.01,3,3.1,4,1,-1,-1,-1' },
    { name: 'negative coordinates (box partly outside the frame), no -0', row: { frame: 2, id: 7, x: -4.5, y: -0.001, w: 8, h: 9, score: 0.5 }, line: '2,7,-4.5,0,8,9,0.5,-1,-1,-1' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(toMotCsvLine(c.row), c.line));

  it('rejects a frame < 1 and non-finite numbers', () => {
    assert.throws(() => toMotCsvLine({ frame: 0, id: 1, x: 0, y: 0, w: 1, h: 1, score: 1 }), RangeError);
    assert.throws(() => toMotCsvLine({ frame: 1, id: 1, x: NaN, y: 0, w: 1, h: 1, score: 1 }), RangeError);
  });

  it('round-trips through parseMotCsv', () => {
    const row = { frame: 12, id: 3, x: 10.5, y: 20, w: 30, h: 40.25, score: 0.91 };
    assert.deepEqual(parseMotCsv(toMotCsvLine(row), 'x').frames.get(12), [row]);
  });
});

describe('parseMotCsv', () => {
  it('reads MOT15-17/20 layouts: 6 to 10 columns, commas or whitespace, comments and blank lines', () => {
    const text = [
      '# a comment',
      '1,1,10,20,30,40,0.9,-1,-1,-1', // MOT15 results / MOT16+ results: 10 columns
      '',
      '1 2 50 20 30 40', // 6 columns, whitespace: score defaults to 1
      '2, 1, 11.5, 20, 30, 40, 0.8', // spaces after commas
      '2,2,52,20,30,40,1,1,0.75\r', // MOT16+ ground-truth layout, CRLF
      '3,1,12,20,30,40,1,-1,-1,', // a trailing comma
    ].join('\n');
    const f = parseMotCsv(text, 'p.txt');
    assert.deepEqual([f.rowCount, f.ignoredRowCount, f.frameCount, f.idCount], [5, 0, 3, 2]);
    assert.deepEqual(f.frames.get(1), [
      { frame: 1, id: 1, x: 10, y: 20, w: 30, h: 40, score: 0.9 },
      { frame: 1, id: 2, x: 50, y: 20, w: 30, h: 40, score: 1 },
    ]);
    assert.deepEqual(f.frames.get(2)?.map((r) => [r.id, r.x, r.score]), [[1, 11.5, 0.8], [2, 52, 1]]);
  });

  it('ground truth: drops rows whose consider flag (column 7) is 0 and counts them; predictions keep score 0', () => {
    const text = '1,1,0,0,10,10,1,1,1\n1,2,20,0,10,10,0,7,0.5\n2,2,20,0,10,10,0,7,0.5\n2,1,0,0,10,10,1,1,1\n';
    const gt = parseMotCsv(text, 'gt.txt', { groundTruth: true });
    assert.deepEqual([gt.rowCount, gt.ignoredRowCount, gt.frameCount, gt.idCount], [2, 2, 2, 1]);
    const pred = parseMotCsv(text, 'pred.txt');
    assert.deepEqual([pred.rowCount, pred.ignoredRowCount, pred.idCount], [4, 0, 2]);
  });

  it('orders frames ascending even when the file is written track by track', () => {
    const f = parseMotCsv('3,1,0,0,1,1\n1,1,0,0,1,1\n2,2,0,0,1,1\n1,2,0,0,1,1\n', 'x');
    assert.deepEqual([...f.frames.keys()], [1, 2, 3]);
  });

  it('an empty file has no rows', () => {
    const f = parseMotCsv('\n# nothing\n', 'x');
    assert.deepEqual([f.rowCount, f.frames.size], [0, 0]);
  });

  const errors: { name: string; text: string; message: RegExp }[] = [
    { name: 'non-numeric field', text: '1,1,0,0,10,10\n2,1,abc,0,10,10\n', message: /^gt\.txt line 2: column 3 \(bb_left\) is not a number: 'abc'$/ },
    { name: 'empty field', text: '1,1,,0,10,10\n', message: /^gt\.txt line 1: column 3 \(bb_left\) is not a number: ''$/ },
    { name: 'too few columns', text: '\n\n1,1,0,0,10\n', message: /^gt\.txt line 3: 5 columns, a MOTChallenge row needs at least 6/ },
    { name: 'too many columns', text: '1,1,0,0,10,10,1,1,1,1,1\n', message: /^gt\.txt line 1: 11 columns, a MOTChallenge row has at most 10$/ },
    { name: 'frame < 1 (0-based file)', text: '0,1,0,0,10,10\n', message: /^gt\.txt line 1: frame must be an integer >= 1 \(MOTChallenge frames are 1-based\), got 0$/ },
    { name: 'fractional frame', text: '1.5,1,0,0,10,10\n', message: /^gt\.txt line 1: frame must be an integer >= 1/ },
    { name: 'fractional id', text: '1,1.5,0,0,10,10\n', message: /^gt\.txt line 1: id must be an integer, got 1\.5$/ },
    { name: 'negative size', text: '1,1,0,0,-10,10\n', message: /^gt\.txt line 1: negative box size -10 x 10$/ },
    { name: 'duplicate (frame, id)', text: '1,1,0,0,10,10\n1,2,0,0,10,10\n# c\n1,1,5,5,10,10\n', message: /^gt\.txt line 4: frame 1 has id 1 twice \(first on line 1\)$/ },
    { name: 'duplicate among ignored ground-truth rows', text: '1,1,0,0,10,10,0\n1,1,0,0,10,10,0\n', message: /^gt\.txt line 2: frame 1 has id 1 twice/ },
  ];
  for (const c of errors) {
    it(`error: ${c.name}, naming the file and line`, () => {
      assert.throws(() => parseMotCsv(c.text, 'gt.txt', { groundTruth: true }), (e: unknown) => {
        assert.ok(isGroundstreamError(e, 'invalid_argument'));
        assert.equal(e.input, 'gt.txt');
        assert.match(e.message, c.message);
        return true;
      });
    });
  }
});
