import assert from 'node:assert/strict';
import { formatMediaTime, toSegmentCaption, type Segment, type SegmentCaptionOptions, type Xyxy } from '../../../../src/grounding/temporal';

// 640 × 480 frame; 5 % edges are 32 px (left/right) and 24 px (top/bottom)
const MIDDLE: Xyxy = [200, 150, 300, 350];
const LEFT: Xyxy = [0, 150, 100, 350];
const RIGHT: Xyxy = [560, 150, 640, 350];
const TOP: Xyxy = [200, 0, 300, 200];
const BOTTOM: Xyxy = [200, 300, 300, 480];

function segment(over: Partial<Segment> = {}): Segment {
  return {
    segmentId: 'track:4#1',
    key: 'track:4',
    trackId: 4,
    label: 'person',
    phrase: 'person',
    startSec: 3.2,
    endSec: 7.9,
    startFrameIndex: 32,
    endFrameIndex: 79,
    frames: 48,
    bestScore: 0.9,
    bestFrameIndex: 50,
    bestSec: 5,
    bestXyxy: MIDDLE,
    firstXyxy: MIDDLE,
    lastXyxy: MIDDLE,
    frameWidth: 640,
    frameHeight: 480,
    regionId: 'f50-r2',
    ...over,
  };
}
const phraseSegment = (over: Partial<Segment> = {}): Segment => segment({ segmentId: 'phrase:person#1', key: 'phrase:person', trackId: 0, ...over });
const WHOLE_MEDIA: SegmentCaptionOptions = { mediaStartSec: 0, mediaEndSec: 12 };

describe('toSegmentCaption', () => {
  const cases: { name: string; segment: Segment; options?: SegmentCaptionOptions; text: string }[] = [
    { name: 'appears, disappears', segment: segment(), text: 'person 4 appears at 00:03.2, disappears at 00:07.9' },
    { name: 'left to right', segment: segment({ firstXyxy: LEFT, lastXyxy: RIGHT }), text: 'person 4 enters at 00:03.2 from the left, leaves at 00:07.9 on the right' },
    { name: 'right to left', segment: segment({ firstXyxy: RIGHT, lastXyxy: LEFT }), text: 'person 4 enters at 00:03.2 from the right, leaves at 00:07.9 on the left' },
    { name: 'top to bottom', segment: segment({ firstXyxy: TOP, lastXyxy: BOTTOM }), text: 'person 4 enters at 00:03.2 from the top, leaves at 00:07.9 at the bottom' },
    { name: 'bottom to top', segment: segment({ firstXyxy: BOTTOM, lastXyxy: TOP }), text: 'person 4 enters at 00:03.2 from the bottom, leaves at 00:07.9 at the top' },
    { name: 'edge in, vanishes mid-frame', segment: segment({ firstXyxy: LEFT }), text: 'person 4 enters at 00:03.2 from the left, disappears at 00:07.9' },
    { name: 'in view from the start', segment: segment({ startSec: 0, firstXyxy: LEFT, lastXyxy: RIGHT }), options: WHOLE_MEDIA, text: 'person 4 is in view from the start, leaves at 00:07.9 on the right' },
    { name: 'still in view at the end', segment: segment({ endSec: 12, lastXyxy: RIGHT }), options: WHOLE_MEDIA, text: 'person 4 appears at 00:03.2, is still in view at the end (00:12.0)' },
    { name: 'throughout', segment: segment({ startSec: 0, endSec: 12 }), options: WHOLE_MEDIA, text: 'person 4 is in view throughout, from the start to the end (00:12.0)' },
    { name: 'media bounds elsewhere do not count', segment: segment(), options: WHOLE_MEDIA, text: 'person 4 appears at 00:03.2, disappears at 00:07.9' },
    { name: 'bounds within a millisecond count', segment: segment({ startSec: 0.033, endSec: 11.967 }), options: { mediaStartSec: 1 / 30, mediaEndSec: 11.9666667 }, text: 'person 4 is in view throughout, from the start to the end (00:12.0)' },
    { name: 'inside 5 % is an edge', segment: segment({ firstXyxy: [31, 150, 100, 350], lastXyxy: [200, 150, 300, 457] }), text: 'person 4 enters at 00:03.2 from the left, leaves at 00:07.9 at the bottom' },
    { name: 'outside 5 % is not', segment: segment({ firstXyxy: [40, 150, 100, 350], lastXyxy: [200, 150, 300, 450] }), text: 'person 4 appears at 00:03.2, disappears at 00:07.9' },
    { name: 'edgeFraction widens the edge', segment: segment({ firstXyxy: [40, 150, 100, 350] }), options: { edgeFraction: 0.1 }, text: 'person 4 enters at 00:03.2 from the left, disappears at 00:07.9' },
    { name: 'a corner: the nearer edge wins', segment: segment({ firstXyxy: [0, 10, 100, 100], lastXyxy: [20, 0, 100, 100] }), text: 'person 4 enters at 00:03.2 from the left, leaves at 00:07.9 at the top' },
    { name: 'full width says nothing about left/right', segment: segment({ firstXyxy: [0, 0, 640, 200], lastXyxy: [0, 100, 640, 300] }), text: 'person 4 enters at 00:03.2 from the top, disappears at 00:07.9' },
    { name: 'a box filling the frame has no side', segment: segment({ firstXyxy: [0, 0, 640, 480] }), text: 'person 4 appears at 00:03.2, disappears at 00:07.9' },
    { name: 'label and track id', segment: segment({ label: 'car', trackId: 17 }), text: 'car 17 appears at 00:03.2, disappears at 00:07.9' },
    { name: 'past an hour', segment: segment({ startSec: 3725.04, endSec: 3790 }), text: 'person 4 appears at 1:02:05.0, disappears at 1:03:10.0' },
    { name: 'phrase', segment: phraseSegment({ firstXyxy: LEFT, lastXyxy: RIGHT }), text: 'person in view from 00:03.2 to 00:07.9' },
    { name: 'phrase from the start', segment: phraseSegment({ startSec: 0 }), options: WHOLE_MEDIA, text: 'person in view from the start to 00:07.9' },
    { name: 'phrase to the end', segment: phraseSegment({ endSec: 12 }), options: WHOLE_MEDIA, text: 'person in view from 00:03.2 to the end (00:12.0)' },
    { name: 'phrase throughout', segment: phraseSegment({ startSec: 0, endSec: 12 }), options: WHOLE_MEDIA, text: 'person in view throughout, from the start to the end (00:12.0)' },
    { name: 'phrase text, not label', segment: phraseSegment({ phrase: 'people in red', label: 'person' }), text: 'people in red in view from 00:03.2 to 00:07.9' },
    { name: 'empty phrase falls back to the label', segment: phraseSegment({ phrase: '' }), text: 'person in view from 00:03.2 to 00:07.9' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const caption = toSegmentCaption(c.segment, c.options);
      assert.equal(caption.text, c.text);
      assert.equal(caption.spans.length, 1);
    });
  }

  it('the span covers the subject and points at the best region', () => {
    for (const [seg, subject] of [[segment({ label: 'car', trackId: 17 }), 'car 17'], [phraseSegment({ phrase: 'people in red' }), 'people in red']] as const) {
      const { text, spans } = toSegmentCaption(seg);
      assert.equal(text.slice(spans[0].start, spans[0].end), subject);
      assert.equal(spans[0].start, 0);
      assert.deepEqual(spans[0].regionIds, ['f50-r2']);
    }
    assert.deepEqual(toSegmentCaption(segment({ regionId: '' })).spans[0].regionIds, []);
  });

  for (const edgeFraction of [-0.1, 0.5, Number.NaN]) {
    it(`rejects edgeFraction ${edgeFraction}`, () => {
      assert.throws(() => toSegmentCaption(segment(), { edgeFraction }), RangeError);
    });
  }
});

describe('formatMediaTime', () => {
  const cases: [number, string][] = [
    [0, '00:00.0'],
    [3.2, '00:03.2'],
    [3.25, '00:03.3'],
    [0.15, '00:00.2'],
    [7.94, '00:07.9'],
    [59.96, '01:00.0'],
    [61.5, '01:01.5'],
    [599.99, '10:00.0'],
    [3599.95, '1:00:00.0'],
    [3725.04, '1:02:05.0'],
    [36000, '10:00:00.0'],
    [-1.5, '-00:01.5'],
    [-0.01, '00:00.0'],
  ];
  for (const [sec, text] of cases) {
    it(`${sec} s → ${text}`, () => assert.equal(formatMediaTime(sec), text));
  }
  it('rejects non-finite times', () => {
    assert.throws(() => formatMediaTime(Number.NaN), RangeError);
    assert.throws(() => formatMediaTime(Number.POSITIVE_INFINITY), RangeError);
  });
});
