import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../support/paths';

const BIN = path.join(REPO_ROOT, 'bin', 'groundstream.cjs');

interface Run { code: number; stdout: string; stderr: string }

/** Runs the bin as a user does; resolves with the exit code instead of rejecting on failure. */
function groundstream(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('groundstream eval mot', () => {
  let tmp: string;
  const file = (name: string, text: string): string => {
    const p = path.join(tmp, name);
    writeFileSync(p, text);
    return p;
  };
  before(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-eval-mot-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  // MOT16+ ground truth: GT 1 at x=0 in frames 1-4, GT 2 at x=100 in frames 1-2, and a row marked
  // "do not consider" (column 7 = 0) that must be dropped.
  const GT = [
    '1,1,0,0,10,10,1,1,1', '2,1,0,0,10,10,1,1,1', '3,1,0,0,10,10,1,1,1', '4,1,0,0,10,10,1,1,1',
    '1,2,100,0,10,10,1,1,1', '2,2,100,0,10,10,1,1,1',
    '3,3,300,0,10,10,0,8,0.5',
  ].join('\n');
  // Predictions (what `groundstream video --mot` writes): 5 follows GT 1 in frames 1-2, 6 in frames 3-4
  // (an ID switch); 7 follows GT 2 in frames 1-2; 9 is a false track at x=200 in frame 1.
  const PRED = [
    '1,5,0,0,10,10,0.9,-1,-1,-1', '2,5,0,0,10,10,0.9,-1,-1,-1', '3,6,0,0,10,10,0.8,-1,-1,-1', '4,6,0,0,10,10,0.8,-1,-1,-1',
    '1,7,100,0,10,10,0.9,-1,-1,-1', '2,7,100,0,10,10,0.9,-1,-1,-1',
    '1,9,200,0,10,10,0.3,-1,-1,-1',
  ].join('\n');

  it('--json: the hand-worked metrics', async () => {
    const r = await groundstream(['eval', 'mot', '--gt', file('gt.txt', GT), '--pred', file('pred.txt', PRED), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.gt, { file: path.join(tmp, 'gt.txt'), rows: 6, ignoredRows: 1, frames: 4, ids: 2 });
    assert.deepEqual(report.pred, { file: path.join(tmp, 'pred.txt'), rows: 7, ignoredRows: 0, frames: 4, ids: 4 });
    // 6 GT boxes, all matched with IoU 1 → TP 6, FN 0; 9 is the one FP; GT 1 switches 5 → 6 in frame 3.
    // MOTA = 1 − (0 + 1 + 1)/6 = 2/3; precision 6/7; recall 1; MOTP 1 (IoU) / 0 (distance).
    // Identity: 1↔5 (or 1↔6) 2 frames, 2↔7 2 frames → IDTP 4, IDFP = 7 − 4 = 3, IDFN = 6 − 4 = 2,
    // IDF1 = 8/(8 + 3 + 2) = 8/13, IDP 4/7, IDR 4/6. Both GT ids matched in every frame → MT 2.
    const m = report.metrics;
    const expected = {
      iouThreshold: 0.5, numFrames: 4, numGt: 6, numPred: 7, numGtIds: 2, numPredIds: 4, tp: 6, fp: 1, fn: 0, idSwitches: 1, fragmentations: 0,
      mota: 2 / 3, motpIou: 1, motpDistance: 0, precision: 6 / 7, recall: 1,
      idtp: 4, idfp: 3, idfn: 2, idf1: 8 / 13, idp: 4 / 7, idr: 4 / 6, mostlyTracked: 2, partiallyTracked: 0, mostlyLost: 0,
    };
    assert.deepEqual(Object.keys(m).sort(), Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) assert.ok(Math.abs(m[k] - v) < 1e-12, `${k}: got ${m[k]}, want ${v}`);
  });

  it('prints the py-motmetrics style table without --json; --iou changes the threshold', async () => {
    // Predictions shifted 4 px: IoU = 60/140 ≈ 0.43, a miss at 0.5 and a match at 0.4.
    const shifted = file('shifted.txt', '1,1,4,0,10,10,1\n2,1,4,0,10,10,1\n');
    const gt = file('gt2.txt', '1,1,0,0,10,10,1\n2,1,0,0,10,10,1\n');
    const strict = await groundstream(['eval', 'mot', '--gt', gt, '--pred', shifted]);
    assert.equal(strict.code, 0, strict.stderr);
    assert.match(strict.stdout, /IDF1 +IDP +IDR +Rcll +Prcn +GT +MT +PT +ML +FP +FN +IDs +FM +MOTA +MOTP/);
    assert.match(strict.stdout, /shifted\.txt +0\.0% +0\.0% +0\.0% +0\.0% +0\.0% +1 +0 +0 +1 +2 +2 +0 +0 -100\.0% +-/);
    const loose = await groundstream(['eval', 'mot', '--gt', gt, '--pred', shifted, '--iou', '0.4', '--json']);
    assert.equal(loose.code, 0, loose.stderr);
    assert.deepEqual([JSON.parse(loose.stdout).metrics.tp, JSON.parse(loose.stdout).metrics.mota], [2, 1]);
  });

  it('a malformed line exits non-zero naming the file and the line', async () => {
    const bad = file('bad.txt', '1,1,0,0,10,10,1\n\n3,1,zero,0,10,10,1\n');
    const r = await groundstream(['eval', 'mot', '--gt', file('gt3.txt', GT), '--pred', bad]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /invalid_argument: .*bad\.txt line 3: column 3 \(bb_left\) is not a number: 'zero'/);
    assert.equal(r.stdout, '');
  });

  it('a missing file exits non-zero with input_not_found naming it', async () => {
    const r = await groundstream(['eval', 'mot', '--gt', path.join(tmp, 'nope.txt'), '--pred', file('p4.txt', PRED)]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /input_not_found: .*nope\.txt: no such file/);
  });

  it('a bad --iou is refused', async () => {
    const r = await groundstream(['eval', 'mot', '--gt', file('gt5.txt', GT), '--pred', file('p5.txt', PRED), '--iou', '2']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /--iou must be a number in \(0, 1\], got "2"/);
  });
});
