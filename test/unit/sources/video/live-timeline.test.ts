import assert from 'node:assert/strict';
import { LiveTimeline, type PlacedFrame } from '../../../../src/sources/video/live-timeline';

/** One frame fed to the timeline: its connection's own time and index, arrival (ms), and a reopening before it. */
type Feed = { raw: number; i: number; at: number; reopen?: 'rebase' | 'resume' };

function run(feeds: Feed[], fps = 25, gapSec = 2): PlacedFrame[] {
  const t = new LiveTimeline({ gapSec, fps });
  return feeds.map((f) => {
    if (f.reopen) t.reopened(f.reopen === 'resume');
    return t.place(f.raw, f.i, f.at);
  });
}

describe('LiveTimeline', () => {
  it('keeps a steady stream\'s own times and indices, with no gaps', () => {
    const placed = run([0, 1, 2, 3].map((i) => ({ raw: 5 + i * 0.04, i, at: 1000 + i * 40 })));
    assert.deepEqual(placed, [0, 1, 2, 3].map((i) => ({ ptsSec: Math.round((5 + i * 0.04) * 1e6) / 1e6, index: i })));
  });

  it('never starts below 0', () => {
    assert.deepEqual(run([{ raw: -0.08, i: 0, at: 0 }, { raw: -0.04, i: 1, at: 40 }]).map((p) => p.ptsSec), [0, 0.04]);
  });

  it('after a reopening, places the first frame one wall-clock gap after the last and keeps later steps', () => {
    const placed = run([
      { raw: 10, i: 250, at: 0 },
      { raw: 10.04, i: 251, at: 40 },
      // A camera restarted its clock: the new connection starts at 0, 4.96 s of wall clock later.
      { raw: 0, i: 0, at: 5000, reopen: 'rebase' },
      { raw: 0.04, i: 1, at: 5040 },
    ]);
    assert.deepEqual(placed.map((p) => [p.ptsSec, p.index]), [[10, 250], [10.04, 251], [15, 252], [15.04, 253]]);
    assert.deepEqual(placed[2].gapBefore, { startPtsSec: 10.04, endPtsSec: 15, wallSec: 4.96, mediaJumpSec: 4.92, reason: 'reconnect', reconnects: 1 });
    assert.equal(placed[3].gapBefore, undefined);
  });

  it('counts every reopening during one gap, and rebases at least one interval on', () => {
    const quick = run([{ raw: 3, i: 75, at: 0 }, { raw: 99, i: 0, at: 10, reopen: 'rebase' }]);
    assert.equal(quick[1].ptsSec, 3.04, 'a reconnect faster than a frame interval still moves on by one interval');
    const t = new LiveTimeline({ gapSec: 2, fps: 25 });
    t.place(3, 75, 0);
    t.reopened();
    t.reopened();
    t.reopened();
    const p = t.place(42, 0, 9000);
    assert.equal(p.gapBefore?.reconnects, 3);
    assert.deepEqual([p.ptsSec, p.index], [12, 76]);
  });

  it('a resumed (seekable) input keeps its own times across the reopening', () => {
    const placed = run([
      { raw: 7.96, i: 199, at: 0 },
      { raw: 8, i: 200, at: 1500, reopen: 'resume' },
    ]);
    assert.deepEqual(placed[1], {
      ptsSec: 8, index: 200, gapBefore: { startPtsSec: 7.96, endPtsSec: 8, wallSec: 1.5, mediaJumpSec: 0, reason: 'reconnect', reconnects: 1 },
    });
  });

  it('reports a stall within one connection, without rebasing', () => {
    const placed = run([{ raw: 1, i: 25, at: 0 }, { raw: 1.04, i: 26, at: 3000 }]);
    assert.deepEqual(placed[1], {
      ptsSec: 1.04, index: 26, gapBefore: { startPtsSec: 1, endPtsSec: 1.04, wallSec: 3, mediaJumpSec: 0, reason: 'stall', reconnects: 0 },
    });
  });

  it('reports a media jump (a skipped HLS segment) and keeps the jumped times', () => {
    const placed = run([{ raw: 4, i: 100, at: 0 }, { raw: 6.04, i: 101, at: 40 }]);
    assert.equal(placed[1].ptsSec, 6.04);
    assert.equal(placed[1].gapBefore?.reason, 'media_jump');
    assert.equal(placed[1].gapBefore?.mediaJumpSec, 2);
  });

  it('rebases time that goes back within a connection, so media time never decreases', () => {
    const placed = run([
      { raw: 30, i: 750, at: 0 },
      { raw: 30.04, i: 751, at: 40 },
      { raw: 2, i: 752, at: 80 },
      { raw: 2.04, i: 753, at: 120 },
    ]);
    assert.deepEqual(placed.map((p) => p.ptsSec), [30, 30.04, 30.08, 30.12]);
    assert.equal(placed[2].gapBefore?.reason, 'media_jump');
    assert.equal(placed[2].gapBefore?.mediaJumpSec, -28.08);
  });

  it('learns the interval from the frames when the frame rate is unknown', () => {
    const t = new LiveTimeline({ gapSec: 2, fps: 0 });
    assert.equal(t.frameIntervalSec, 0.04);
    t.place(0, 0, 0);
    t.place(0.2, 1, 200);
    assert.equal(t.frameIntervalSec, 0.2);
  });
});
