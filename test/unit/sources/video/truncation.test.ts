import assert from 'node:assert/strict';
import { declaredEndSec, isTruncationMarker, truncationReason, type DecodeOutcome } from '../../../../src/sources/video/truncation';

describe('isTruncationMarker', () => {
  const cases: Array<[string, boolean]> = [
    ['[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1d157c00] stream 0, offset 0x19264: partial file', true],
    ['/tmp/car-100k.mp4: Invalid data found when processing input', true],
    ['[in#0/mov,mp4,m4a,3gp,3g2,mj2 @ 0x5581] Error during demuxing: Invalid data found when processing input', true],
    ['[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found', true],
    ['Error while decoding stream #0:0: Invalid data found when processing input', false],
    ['[vist#0:0/h264 @ 0x1] Decoding error: Invalid data found when processing input', false],
    ['[h264 @ 0x1d295800] Invalid NAL unit size (5533 > 4921).', false],
    ['[mpeg2video @ 0x1] ac-tex damaged at 10 3', false],
    ['Output file is empty, nothing was encoded', false],
  ];
  for (const [line, expected] of cases) it(line, () => assert.equal(isTruncationMarker(line), expected));
});

describe('declaredEndSec', () => {
  const cases: Array<[string, Pick<DecodeOutcome, 'durationSec' | 'declaredFrames' | 'fps'>, number | null]> = [
    ['duration only', { durationSec: 30.16, declaredFrames: null, fps: 12.5 }, 30.16],
    ['frames / fps when later (cut AVI)', { durationSec: 9.8, declaredFrames: 795, fps: 10 }, 79.5],
    ['duration when later', { durationSec: 30.16, declaredFrames: 10, fps: 12.5 }, 30.16],
    ['frames without a rate', { durationSec: null, declaredFrames: 10, fps: 0 }, null],
    ['nothing declared (live)', { durationSec: null, declaredFrames: null, fps: 25 }, null],
  ];
  for (const [name, o, expected] of cases) it(name, () => assert.equal(declaredEndSec(o), expected));
});

describe('truncationReason', () => {
  const complete: DecodeOutcome = {
    framesDecoded: 377, lastPtsSec: 30.08, durationSec: 30.16, declaredFrames: 377, fps: 12.5, startSec: 0, endSec: undefined, markerLine: undefined,
  };
  const cases: Array<[string, Partial<DecodeOutcome>, boolean]> = [
    ['complete car-detection', {}, false],
    ['tree.avi: 68 of 444 declared frames, but the last one at the end', { framesDecoded: 68, lastPtsSec: 29.5335, durationSec: 29.600148, declaredFrames: 444, fps: 15 }, false],
    ['car-detection cut at 100 KB', { framesDecoded: 12, lastPtsSec: 0.88 }, true],
    ['vtest cut at 1 MB: the duration shrank, the frame count did not', { framesDecoded: 92, lastPtsSec: 9.1, durationSec: 9.8, declaredFrames: 795, fps: 10 }, true],
    ['a stderr marker alone', { markerLine: 'x.mp4: partial file' }, true],
    ['endSec before the cut', { framesDecoded: 12, lastPtsSec: 0.88, endSec: 0.9 }, false],
    ['endSec after the cut', { framesDecoded: 12, lastPtsSec: 0.88, endSec: 10 }, true],
    ['a window starting past the end yields nothing, rightly', { framesDecoded: 0, lastPtsSec: null, startSec: 40 }, false],
    ['no frame at all from a 30 s file', { framesDecoded: 0, lastPtsSec: null }, true],
    ['live stream: nothing declared', { durationSec: null, declaredFrames: null, lastPtsSec: 3 }, false],
    ['within tolerance of the end (1 s)', { lastPtsSec: 29.2 }, false],
    ['still image', { framesDecoded: 1, lastPtsSec: 0, durationSec: 0, declaredFrames: 1, fps: 25 }, false],
  ];
  for (const [name, patch, truncated] of cases) {
    it(name, () => assert.equal(truncationReason({ ...complete, ...patch }) !== undefined, truncated));
  }
});
