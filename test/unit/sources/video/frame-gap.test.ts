import assert from 'node:assert/strict';
import type { FrameGap } from '../../../../src/core/frame';
import { carryGap, classifyGap, mediaJumpThresholdSec, type GapInput } from '../../../../src/sources/video/frame-gap';

describe('classifyGap', () => {
  const base: GapInput = { startPtsSec: 10, endPtsSec: 10.04, wallSec: 0.04, frameIntervalSec: 0.04, gapSec: 2, reconnects: 0 };
  const cases: Array<[string, Partial<GapInput>, Pick<FrameGap, 'reason' | 'mediaJumpSec'> | undefined]> = [
    ['the next frame on time', {}, undefined],
    ['a late frame, under gapSec', { wallSec: 1.9 }, undefined],
    ['exactly gapSec is not yet a gap', { wallSec: 2 }, undefined],
    ['more than gapSec without a frame: stall, media ran on', { wallSec: 2.5 }, { reason: 'stall', mediaJumpSec: 0 }],
    ['a stall whose media time also jumped', { wallSec: 3, endPtsSec: 13.04 }, { reason: 'stall', mediaJumpSec: 3 }],
    ['a reopened source, even a quick one', { reconnects: 1, wallSec: 0.5, endPtsSec: 10.5 }, { reason: 'reconnect', mediaJumpSec: 0.46 }],
    ['a reconnect outranks a stall', { reconnects: 2, wallSec: 6, endPtsSec: 16 }, { reason: 'reconnect', mediaJumpSec: 5.96 }],
    ['media jump: a skipped 2 s HLS segment, frames on time', { endPtsSec: 12.04 }, { reason: 'media_jump', mediaJumpSec: 2 }],
    ['a step of 1 s beyond the interval is not yet a jump', { endPtsSec: 11.04 }, undefined],
    ['a step of 1.04 s beyond it is', { endPtsSec: 11.08 }, { reason: 'media_jump', mediaJumpSec: 1.04 }],
    ['a slow camera (2 fps): 1.5 s steps are no jump', { frameIntervalSec: 0.5, endPtsSec: 11.5, wallSec: 1.5 }, undefined],
    ['a slow camera (0.5 fps): a 6.5 s step is no jump, 8 s is', { frameIntervalSec: 2, endPtsSec: 18.01, wallSec: 0.1 }, { reason: 'media_jump', mediaJumpSec: 6.01 }],
    ['time went back 5 s (rebased): a jump with a negative size', { rawStepSec: -5, endPtsSec: 10.04 }, { reason: 'media_jump', mediaJumpSec: -5.04 }],
    ['a small step back is no gap', { rawStepSec: -0.2, endPtsSec: 10.04 }, undefined],
  ];
  for (const [name, change, expected] of cases) {
    it(name, () => {
      const gap = classifyGap({ ...base, ...change });
      if (expected === undefined) return assert.equal(gap, undefined);
      assert.ok(gap, 'a gap');
      assert.deepEqual({ reason: gap.reason, mediaJumpSec: gap.mediaJumpSec }, expected);
      const input = { ...base, ...change };
      assert.deepEqual([gap.startPtsSec, gap.endPtsSec, gap.wallSec, gap.reconnects], [input.startPtsSec, input.endPtsSec, input.wallSec, input.reconnects]);
    });
  }

  it('mediaJumpThresholdSec: 1 s, or three intervals for slow streams', () => {
    assert.deepEqual([0.04, 0.1, 1 / 3, 0.5, 2].map(mediaJumpThresholdSec), [1, 1, 1, 1.5, 6]);
  });
});

describe('carryGap', () => {
  const stall: FrameGap = { startPtsSec: 4, endPtsSec: 7, wallSec: 3, mediaJumpSec: 0, reason: 'stall', reconnects: 0 };
  it('moves a dropped frame\'s gap onto the next frame, ending there', () => {
    assert.deepEqual(carryGap(stall, { ptsSec: 7.04 }), { ...stall, endPtsSec: 7.04 });
  });
  it('adds up with the next frame\'s own gap; the stronger reason wins', () => {
    const reconnect: FrameGap = { startPtsSec: 7.04, endPtsSec: 12, wallSec: 4.5, mediaJumpSec: 0.5, reason: 'reconnect', reconnects: 2 };
    assert.deepEqual(carryGap(stall, { ptsSec: 12, gapBefore: reconnect }), {
      startPtsSec: 4, endPtsSec: 12, wallSec: 7.5, mediaJumpSec: 0.5, reason: 'reconnect', reconnects: 2,
    });
    const jump: FrameGap = { ...reconnect, reason: 'media_jump', reconnects: 0 };
    assert.equal(carryGap(stall, { ptsSec: 12, gapBefore: jump }).reason, 'stall');
  });
});
