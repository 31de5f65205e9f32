import assert from 'node:assert/strict';
import { evaluateMot, formatMotMetrics, parseMotCsv } from '../../../../src/grounding/mot';

describe('formatMotMetrics', () => {
  // GT 1 in frames 1-4; prediction 5 in frames 1-2, 6 in 3-4: one switch, MOTA 75%, IDF1 50%.
  const gt = parseMotCsv('1,1,0,0,10,10\n2,1,0,0,10,10\n3,1,0,0,10,10\n4,1,0,0,10,10\n', 'gt.txt', { groundTruth: true });
  const pred = parseMotCsv('1,5,0,0,10,10\n2,5,0,0,10,10\n3,6,0,0,10,10\n4,6,0,0,10,10\n', 'pred.txt');

  it('prints py-motmetrics\' MOTChallenge columns, aligned, then the counts behind them', () => {
    const [header, values, counts, note] = formatMotMetrics(evaluateMot(gt.frames, pred.frames), { name: 'pred.txt' }).trimEnd().split('\n');
    const names = header.trim().split(/\s+/);
    assert.deepEqual(names, ['IDF1', 'IDP', 'IDR', 'Rcll', 'Prcn', 'GT', 'MT', 'PT', 'ML', 'FP', 'FN', 'IDs', 'FM', 'MOTA', 'MOTP']);
    const cells = values.trim().split(/\s+/);
    assert.deepEqual(cells, ['pred.txt', '50.0%', '50.0%', '50.0%', '100.0%', '100.0%', '1', '1', '0', '0', '0', '0', '1', '0', '75.0%', '0.000']);
    assert.equal(header.length, values.length); // right-aligned columns end together
    assert.match(counts, /IDTP 2 {2}IDFP 2 {2}IDFN 2 {2}matches 4 {2}ground-truth boxes 4 {2}predicted boxes 4 in 2 tracks {2}frames 4/);
    assert.match(note, /IoU threshold 0\.5; MOTP is the mean 1 − IoU of the matches \(py-motmetrics\), mean IoU 1\.000/);
  });

  it('shows an undefined MOTP as "-" and negative MOTA', () => {
    const text = formatMotMetrics(evaluateMot(gt.frames, parseMotCsv('1,1,50,0,10,10\n', 'p').frames));
    const cells = text.split('\n')[1].trim().split(/\s+/);
    assert.equal(cells[0], 'all');
    assert.deepEqual(cells.slice(-2), ['-25.0%', '-']); // 1 − (4 FN + 1 FP)/4
  });
});
