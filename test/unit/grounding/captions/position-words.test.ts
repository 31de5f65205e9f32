import assert from 'node:assert/strict';
import {
  distancePhrase,
  distanceWord,
  FAR_MAX_HEIGHT_SHARE,
  horizontalThird,
  NEAR_MIN_HEIGHT_SHARE,
  positionPhrase,
  verticalThird,
} from '../../../../src/grounding/captions';

// 600 × 300 frame: thirds at x = 200, 400 and y = 100, 200.
const W = 600;
const H = 300;
/** A 20 × 20 box centred on (cx, cy). */
const at = (cx: number, cy: number): number[] => [cx - 10, cy - 10, cx + 10, cy + 10];

describe('horizontalThird / verticalThird', () => {
  const cases: { cx: number; cy: number; h: string; v: string }[] = [
    { cx: 50, cy: 50, h: 'left', v: 'top' },
    { cx: 199.9, cy: 99.9, h: 'left', v: 'top' },
    { cx: 200, cy: 100, h: 'centre', v: 'middle' }, // on the third line: centre/middle
    { cx: 300, cy: 150, h: 'centre', v: 'middle' },
    { cx: 400, cy: 200, h: 'centre', v: 'middle' },
    { cx: 400.1, cy: 200.1, h: 'right', v: 'bottom' },
    { cx: 590, cy: 290, h: 'right', v: 'bottom' },
  ];
  for (const { cx, cy, h, v } of cases) {
    it(`centre (${cx}, ${cy}) is ${h}, ${v}`, () => {
      assert.equal(horizontalThird(at(cx, cy), W), h);
      assert.equal(verticalThird(at(cx, cy), H), v);
    });
  }

  it('uses the box centre, not its corner', () => {
    assert.equal(horizontalThird([0, 0, 600, 10], W), 'centre');
    assert.equal(horizontalThird([160, 0, 650, 10], W), 'right');
  });

  it('rejects a frame without size', () => {
    assert.throws(() => horizontalThird(at(1, 1), 0), RangeError);
    assert.throws(() => verticalThird(at(1, 1), Number.NaN), RangeError);
  });
});

describe('positionPhrase', () => {
  const cases: { cx: number; cy: number; phrase: string }[] = [
    { cx: 100, cy: 50, phrase: 'at the top left' },
    { cx: 300, cy: 50, phrase: 'at the top' },
    { cx: 500, cy: 50, phrase: 'at the top right' },
    { cx: 100, cy: 150, phrase: 'on the left' },
    { cx: 300, cy: 150, phrase: 'in the centre' },
    { cx: 500, cy: 150, phrase: 'on the right' },
    { cx: 100, cy: 250, phrase: 'at the bottom left' },
    { cx: 300, cy: 250, phrase: 'at the bottom' },
    { cx: 500, cy: 250, phrase: 'at the bottom right' },
  ];
  for (const { cx, cy, phrase } of cases) it(`(${cx}, ${cy}) is "${phrase}"`, () => assert.equal(positionPhrase(at(cx, cy), W, H), phrase));
});

describe('distanceWord', () => {
  it('thresholds are half and a tenth of the frame height', () => {
    assert.equal(NEAR_MIN_HEIGHT_SHARE, 0.5);
    assert.equal(FAR_MAX_HEIGHT_SHARE, 0.1);
  });
  const cases: { height: number; word: string | undefined }[] = [
    { height: 300, word: 'near' },
    { height: 150, word: 'near' }, // exactly half
    { height: 149, word: undefined },
    { height: 60, word: undefined },
    { height: 31, word: undefined },
    { height: 30, word: 'far' }, // exactly a tenth
    { height: 5, word: 'far' },
  ];
  for (const { height, word } of cases) {
    it(`a box ${height} px tall in a ${H} px frame is ${word ?? 'neither'}`, () => assert.equal(distanceWord([0, 100, 50, 100 + height], H), word));
  }
  it('width does not matter', () => assert.equal(distanceWord([0, 0, 600, 20], H), 'far'));
  it('phrases', () => {
    assert.equal(distancePhrase('near'), 'near the camera');
    assert.equal(distancePhrase('far'), 'far from the camera');
  });
});
