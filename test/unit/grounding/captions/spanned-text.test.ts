import assert from 'node:assert/strict';
import { codePointLength, joinCaptions, joinList, piecesToCaption, sentence } from '../../../../src/grounding/captions';

describe('codePointLength', () => {
  const cases: [string, number][] = [
    ['', 0],
    ['car', 3],
    ['café', 4],
    ['EXIT 🚪', 6], // 🚪 is one code point, two UTF-16 units
    ['👩‍👧', 3], // woman + zero-width joiner + girl: three code points
    ['\ud800x', 2], // a lone surrogate counts as one
  ];
  for (const [text, n] of cases) it(`${JSON.stringify(text)} has ${n}`, () => assert.equal(codePointLength(text), n));
});

describe('piecesToCaption', () => {
  it('spans in code points, only for pieces with regions', () => {
    const caption = piecesToCaption([{ text: 'a sign reading "🚪"', regionIds: ['s'] }, { text: ' and ' }, { text: 'a car', regionIds: ['c'] }, { text: '', regionIds: ['x'] }, { text: '.', regionIds: [] }]);
    assert.equal(caption.text, 'a sign reading "🚪" and a car.');
    assert.deepEqual(caption.spans, [
      { start: 0, end: 18, regionIds: ['s'] },
      { start: 23, end: 28, regionIds: ['c'] },
    ]);
  });
});

describe('joinCaptions', () => {
  it('moves spans by the code points before them', () => {
    const joined = joinCaptions([
      { text: 'A 🚪 sign.', spans: [{ start: 0, end: 8, regionIds: ['s'] }] },
      { text: 'A dog.', spans: [{ start: 0, end: 5, regionIds: ['d'] }] },
    ]);
    assert.equal(joined.text, 'A 🚪 sign. A dog.');
    assert.deepEqual(joined.spans, [
      { start: 0, end: 8, regionIds: ['s'] },
      { start: 10, end: 15, regionIds: ['d'] },
    ]);
  });
  it('nothing joins to nothing', () => assert.deepEqual(joinCaptions([]), { text: '', spans: [] }));
});

describe('sentence / joinList', () => {
  const text = (pieces: { text: string }[]): string => pieces.map((p) => p.text).join('');
  it('capitalises an ASCII first letter and ends with a full stop', () => {
    assert.equal(text(sentence([{ text: 'three people' }])), 'Three people.');
    assert.equal(text(sentence([{ text: 'ßtraße' }])), 'ßtraße.');
    assert.equal(text(sentence([{ text: '11 cars' }])), '11 cars.');
  });
  it('lists: A / A and B / A, B and C', () => {
    const item = (t: string): { text: string }[] => [{ text: t }];
    assert.equal(text(joinList([item('a')])), 'a');
    assert.equal(text(joinList([item('a'), item('b')])), 'a and b');
    assert.equal(text(joinList([item('a'), item('b'), item('c')])), 'a, b and c');
  });
});
