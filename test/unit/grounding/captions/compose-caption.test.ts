import assert from 'node:assert/strict';
import type { Region } from '../../../../src/core/events';
import { composeCaption, type CaptionDetail, type CaptionInput, type CaptionOptions, type CaptionRegion } from '../../../../src/grounding/captions';
import { assertSpans, BELOW_THRESHOLD, REGIONS, SCENE } from './caption-fixtures';

const AT = (detail: CaptionDetail, over: Partial<CaptionOptions> = {}): CaptionOptions => ({ detail, scoreThreshold: 0.5, ...over });
const MEDIUM =
  'Three people on the left, a red car in the centre, a blue car at the bottom right, a sign at the top right and an orange umbrella on the right.';
const MEDIUM_SPANS = [
  ['Three people', ['p1', 'p2', 'p3']],
  ['a red car', ['c1']],
  ['a blue car', ['c2']],
  ['a sign', ['s1']],
  ['an orange umbrella', ['u1']],
] as const;

/** A 600 × 300 scene of the given regions. */
const scene = (regions: CaptionRegion[], over: Partial<CaptionInput> = {}): CaptionInput => ({ regions, frameWidth: 600, frameHeight: 300, ...over });
const region = (regionId: string, label: string, box: number[], over: Partial<CaptionRegion> = {}): CaptionRegion => ({ regionId, label, score: 0.9, box, ...over });

describe('composeCaption', () => {
  describe('the hand-made scene at each detail', () => {
    const cases: { detail: CaptionDetail; text: string; spans: readonly (readonly [string, readonly string[]])[] }[] = [
      {
        detail: 'short',
        text: 'Three people, two cars, a sign and an umbrella.',
        spans: [
          ['Three people', ['p1', 'p2', 'p3']],
          ['two cars', ['c1', 'c2']],
          ['a sign', ['s1']],
          ['an umbrella', ['u1']],
        ],
      },
      { detail: 'medium', text: MEDIUM, spans: MEDIUM_SPANS },
      {
        detail: 'long',
        text:
          `${MEDIUM} Person 4 is on the left, near the camera. Person 7 is on the left. A person is on the left, far from the camera. ` +
          'A red car is in the centre. A blue car is at the bottom right. A sign reading "EXIT" is at the top right. An orange umbrella is on the right.',
        spans: [
          ...MEDIUM_SPANS,
          ['Person 4', ['p1']],
          ['Person 7', ['p2']],
          ['A person', ['p3']],
          ['A red car', ['c1']],
          ['A blue car', ['c2']],
          ['A sign reading "EXIT"', ['s1']],
          ['An orange umbrella', ['u1']],
        ],
      },
    ];
    for (const { detail, text, spans } of cases) {
      it(`${detail}: text and spans`, () => {
        const caption = composeCaption(SCENE, AT(detail));
        assert.equal(caption.text, text);
        assertSpans(caption, spans);
      });
    }
  });

  describe('nothing below the threshold is said', () => {
    for (const detail of ['short', 'medium', 'long'] as const) {
      it(`${detail}: no dog, no SECRET, no purple, no fourth person, no track 9 or 11`, () => {
        const caption = composeCaption(SCENE, AT(detail));
        for (const word of ['dog', 'SECRET', 'purple', 'four', ' 9', ' 11']) assert.ok(!caption.text.includes(word), `"${word}" in ${caption.text}`);
        for (const span of caption.spans) for (const id of BELOW_THRESHOLD) assert.ok(!span.regionIds.includes(id), `${id} in a span`);
      });
    }

    it('a score equal to the threshold is kept, just under it is not', () => {
      assert.equal(composeCaption(SCENE, AT('short', { scoreThreshold: 0.9 })).text, 'A person and a car.');
      assert.equal(composeCaption(SCENE, AT('short', { scoreThreshold: 0.91 })).text, 'A car.');
    });

    it('all regions below the threshold: an empty caption, even with a place', () => {
      for (const detail of ['short', 'medium', 'long'] as const) {
        assert.deepEqual(composeCaption({ ...SCENE, place: { lat: 1, lon: 2 } }, AT(detail, { scoreThreshold: 0.99 })), { text: '', spans: [] });
      }
      assert.deepEqual(composeCaption(scene([]), AT('long')), { text: '', spans: [] });
    });

    it('a NaN score is never kept', () => {
      assert.equal(composeCaption(scene([region('a', 'cat', [0, 0, 10, 10], { score: Number.NaN })]), AT('short', { scoreThreshold: 0 })).text, '');
    });
  });

  describe('code-point offsets', () => {
    it('an emoji in OCR text moves later spans by one code point, not two UTF-16 units', () => {
      const regions = [region('s', 'sign', [450, 10, 550, 60], { text: 'EXIT 🚪' }), region('c', 'car', [250, 120, 350, 200])];
      const caption = composeCaption(scene(regions), AT('long'));
      assert.equal(caption.text, 'A sign at the top right and a car in the centre. A sign reading "EXIT 🚪" is at the top right. A car is in the centre.');
      assertSpans(caption, [
        ['A sign', ['s']],
        ['a car', ['c']],
        ['A sign reading "EXIT 🚪"', ['s']],
        ['A car', ['c']],
      ]);
      const last = caption.spans[caption.spans.length - 1]!;
      const utf16 = caption.text.lastIndexOf('A car');
      assert.equal(last.start, utf16 - 1);
      assert.equal(last.end, utf16 - 1 + 'A car'.length);
      const sign = caption.spans[2]!;
      assert.equal(sign.end - sign.start, 23); // 'A sign reading "EXIT 🚪"' is 23 code points, 24 UTF-16 units
    });
  });

  describe('wording', () => {
    it('largest label first; equal counts in input order', () => {
      const regions = [region('d', 'dog', [0, 0, 9, 9]), region('m1', 'mouse', [0, 0, 9, 9]), region('m2', 'mouse', [0, 0, 9, 9]), region('b', 'bus', [0, 0, 9, 9])];
      const caption = composeCaption(scene(regions), AT('short'));
      assert.equal(caption.text, 'Two mice, a dog and a bus.');
      assertSpans(caption, [
        ['Two mice', ['m1', 'm2']],
        ['a dog', ['d']],
        ['a bus', ['b']],
      ]);
    });

    it('number words up to ten, digits above', () => {
      const cars = (n: number): CaptionRegion[] => Array.from({ length: n }, (_, k) => region(`c${k}`, 'car', [0, 0, 9, 9]));
      assert.equal(composeCaption(scene(cars(10)), AT('short')).text, 'Ten cars.');
      assert.equal(composeCaption(scene([...cars(11), region('b1', 'bus', [0, 0, 9, 9]), region('b2', 'bus', [0, 0, 9, 9])]), AT('short')).text, '11 cars and two buses.');
    });

    it('groups split by colour and position, so every word is true of every region named', () => {
      const regions = [
        region('a', 'car', [0, 100, 50, 150], { colour: 'red' }),
        region('b', 'car', [500, 100, 550, 150], { colour: 'red' }),
        region('c', 'car', [60, 100, 110, 150], { colour: 'red' }),
        region('d', 'car', [100, 100, 150, 150], { colour: 'white' }),
        region('e', 'car', [100, 100, 150, 150]),
      ];
      const caption = composeCaption(scene(regions), AT('medium'));
      assert.equal(caption.text, 'Two red cars on the left, a red car on the right, a white car on the left and a car on the left.');
      assertSpans(caption, [
        ['Two red cars', ['a', 'c']],
        ['a red car', ['b']],
        ['a white car', ['d']],
        ['a car', ['e']],
      ]);
      // short ignores colour and position: one phrase for all five
      assertSpans(composeCaption(scene(regions), AT('short')), [['Five cars', ['a', 'b', 'c', 'd', 'e']]]);
    });

    it('colours from a Map side table; a region’s own colour wins', () => {
      const regions = [region('a', 'bus', [0, 0, 9, 9]), region('b', 'umbrella', [590, 0, 600, 9], { colour: 'green' })];
      const colours = new Map([
        ['a', 'yellow'],
        ['b', 'purple'],
      ]);
      assert.equal(composeCaption(scene(regions, { colours }), AT('medium')).text, 'A yellow bus at the top left and a green umbrella at the top right.');
    });

    it('an orange thing takes "an"; plural-only nouns take "a pair of"', () => {
      const regions = [region('u', 'umbrella', [0, 0, 9, 9], { colour: 'orange' }), region('s1', 'skis', [0, 0, 9, 9]), region('s2', 'skis', [0, 0, 9, 9])];
      const caption = composeCaption(scene(regions), AT('medium'));
      assert.equal(caption.text, 'Two pairs of skis at the top left and an orange umbrella at the top left.');
      assertSpans(caption, [
        ['Two pairs of skis', ['s1', 's2']],
        ['an orange umbrella', ['u']],
      ]);
    });

    it('long: tracked objects by label and id (with colour); untracked by article', () => {
      const regions = [region('c', 'car', [250, 120, 350, 200], { colour: 'red', trackId: 12 }), region('t', 'truck', [250, 120, 350, 200], { colour: 'white' })];
      const caption = composeCaption(scene(regions), AT('long'));
      assert.equal(caption.text, 'A red car in the centre and a white truck in the centre. Red car 12 is in the centre. A white truck is in the centre.');
      assertSpans(caption, [
        ['A red car', ['c']],
        ['a white truck', ['t']],
        ['Red car 12', ['c']],
        ['A white truck', ['t']],
      ]);
    });

    it('text regions: "text line", OCR text on one line, read in long', () => {
      const regions = [region('t', 'text', [0, 250, 100, 290], { text: '  Rua\nAugusta ', trackId: 3 })];
      assert.equal(composeCaption(scene(regions), AT('short')).text, 'A text line.');
      const caption = composeCaption(scene(regions), AT('long'));
      assert.equal(caption.text, 'A text line at the bottom left. Text line 3 reading "Rua Augusta" is at the bottom left.');
      assertSpans(caption, [
        ['A text line', ['t']],
        ['Text line 3 reading "Rua Augusta"', ['t']],
      ]);
    });

    it('a region without a usable box gets no position ("is in view")', () => {
      const regions = [region('d', 'dog', []), region('c', 'cat', [0, 0, Number.NaN, 5])];
      assert.equal(composeCaption(scene(regions), AT('medium')).text, 'A dog and a cat.');
      assert.equal(composeCaption(scene(regions), AT('long')).text, 'A dog and a cat. A dog is in view. A cat is in view.');
    });

    it('an empty label is an object', () => {
      assert.equal(composeCaption(scene([region('x', '', [0, 0, 9, 9]), region('y', ' ', [0, 0, 9, 9])]), AT('short')).text, 'Two objects.');
    });
  });

  describe('place (rasters)', () => {
    const raster = (over: Partial<CaptionInput> = {}): CaptionInput =>
      scene([region('b1', 'building', [10, 100, 60, 250]), region('b2', 'building', [80, 110, 120, 200])], { place: { lat: 41.2, lon: -8.6, extentM: [120, 80] }, ...over });

    it('long opens with the place, which names no region; near/far is off for a map', () => {
      const caption = composeCaption(raster(), AT('long'));
      assert.equal(
        caption.text,
        'The scene is at 41.2°N, 8.6°W and covers 120 m × 80 m. Two buildings on the left. A building is on the left. A building is on the left.',
      );
      assertSpans(caption, [
        ['Two buildings', ['b1', 'b2']],
        ['A building', ['b1']],
        ['A building', ['b2']],
      ]);
    });

    it('distance: true says near/far even with a place; short and medium leave the place out', () => {
      assert.match(composeCaption(raster(), AT('long', { distance: true })).text, /A building is on the left, near the camera\./);
      assert.equal(composeCaption(raster(), AT('medium')).text, 'Two buildings on the left.');
      assert.equal(composeCaption(raster({ place: { lat: -33.8688, lon: 151.2093 } }), AT('long')).text.split('. ')[0], 'The scene is at 33.8688°S, 151.2093°E');
    });
  });

  it('takes the event’s Region as it is', () => {
    const full: Region = {
      regionId: 'r1',
      box: [250, 120, 350, 200],
      label: 'bus',
      classId: 5,
      score: 0.8,
      phrase: 'bus',
      trackId: 0,
      modelId: 'yolo',
      nativeBox: [],
      tileId: '',
      text: '',
      polygon: [],
    };
    assert.equal(composeCaption(scene([full]), AT('long')).text, 'A bus in the centre. A bus is in the centre.');
  });

  it('rejects a frame without size, a NaN threshold and an unknown detail', () => {
    assert.throws(() => composeCaption({ ...SCENE, frameWidth: 0 }, AT('short')), RangeError);
    assert.throws(() => composeCaption(SCENE, AT('short', { scoreThreshold: Number.NaN })), RangeError);
    assert.throws(() => composeCaption(SCENE, AT('verbose' as CaptionDetail)), RangeError);
  });

  it('does not change its input', () => {
    const before = JSON.stringify(SCENE);
    composeCaption(SCENE, AT('long'));
    assert.equal(JSON.stringify(SCENE), before);
    assert.equal(REGIONS.length, 9);
  });
});
