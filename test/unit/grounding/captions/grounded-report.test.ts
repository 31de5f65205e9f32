import assert from 'node:assert/strict';
import { composeReport, type CaptionDetail, type CaptionInput, type GroundedReport } from '../../../../src/grounding/captions';
import { assertSpans, BELOW_THRESHOLD, SCENE } from './caption-fixtures';

type Expected = { text: string; regionIds: string[]; spans: [string, string[]][] }[];

/** Checks each sentence, then that the joined caption is the sentences with their spans moved. */
function assertReport(report: GroundedReport, expected: Expected): void {
  assert.deepEqual(
    report.sentences.map((s) => s.text),
    expected.map((e) => e.text),
  );
  report.sentences.forEach((s, k) => {
    assert.deepEqual(s.regionIds, expected[k]!.regionIds, `regionIds of "${s.text}"`);
    assertSpans(s, expected[k]!.spans);
  });
  assert.equal(report.caption.text, expected.map((e) => e.text).join(' '));
  assertSpans(report.caption, expected.flatMap((e) => e.spans));
}

const AT = (detail: CaptionDetail) => ({ detail, scoreThreshold: 0.5 });

describe('composeReport', () => {
  const cases: { detail: CaptionDetail; input?: CaptionInput; expected: Expected }[] = [
    {
      detail: 'short',
      expected: [
        { text: 'Three people are in view.', regionIds: ['p1', 'p2', 'p3'], spans: [['Three people', ['p1', 'p2', 'p3']]] },
        { text: 'Two cars are in view.', regionIds: ['c1', 'c2'], spans: [['Two cars', ['c1', 'c2']]] },
        { text: 'A sign is in view.', regionIds: ['s1'], spans: [['A sign', ['s1']]] },
        { text: 'An umbrella is in view.', regionIds: ['u1'], spans: [['An umbrella', ['u1']]] },
      ],
    },
    {
      detail: 'medium',
      expected: [
        { text: 'Three people are on the left.', regionIds: ['p1', 'p2', 'p3'], spans: [['Three people', ['p1', 'p2', 'p3']]] },
        { text: 'A red car is in the centre.', regionIds: ['c1'], spans: [['A red car', ['c1']]] },
        { text: 'A blue car is at the bottom right.', regionIds: ['c2'], spans: [['A blue car', ['c2']]] },
        { text: 'A sign is at the top right.', regionIds: ['s1'], spans: [['A sign', ['s1']]] },
        { text: 'An orange umbrella is on the right.', regionIds: ['u1'], spans: [['An orange umbrella', ['u1']]] },
      ],
    },
    {
      detail: 'long',
      expected: [
        { text: 'Person 4 is on the left, near the camera.', regionIds: ['p1'], spans: [['Person 4', ['p1']]] },
        { text: 'Person 7 is on the left.', regionIds: ['p2'], spans: [['Person 7', ['p2']]] },
        { text: 'A person is on the left, far from the camera.', regionIds: ['p3'], spans: [['A person', ['p3']]] },
        { text: 'A red car is in the centre.', regionIds: ['c1'], spans: [['A red car', ['c1']]] },
        { text: 'A blue car is at the bottom right.', regionIds: ['c2'], spans: [['A blue car', ['c2']]] },
        { text: 'A sign reading "EXIT" is at the top right.', regionIds: ['s1'], spans: [['A sign reading "EXIT"', ['s1']]] },
        { text: 'An orange umbrella is on the right.', regionIds: ['u1'], spans: [['An orange umbrella', ['u1']]] },
      ],
    },
    {
      detail: 'long',
      input: {
        regions: [
          { regionId: 's', label: 'sign', score: 0.9, box: [0, 0, 10, 10], text: '🚪🚪 EXIT' },
          { regionId: 'b1', label: 'bus', score: 0.9, box: [590, 290, 600, 300], trackId: 2 },
          { regionId: 'b2', label: 'bus', score: 0.9, box: [590, 290, 600, 300], trackId: 5 },
        ],
        frameWidth: 600,
        frameHeight: 300,
        place: { lat: 41.2, lon: -8.6, extentM: [120, 80] },
      },
      expected: [
        { text: 'The scene is at 41.2°N, 8.6°W and covers 120 m × 80 m.', regionIds: [], spans: [] },
        { text: 'Bus 2 is at the bottom right.', regionIds: ['b1'], spans: [['Bus 2', ['b1']]] },
        { text: 'Bus 5 is at the bottom right.', regionIds: ['b2'], spans: [['Bus 5', ['b2']]] },
        { text: 'A sign reading "🚪🚪 EXIT" is at the top left.', regionIds: ['s'], spans: [['A sign reading "🚪🚪 EXIT"', ['s']]] },
      ],
    },
  ];
  cases.forEach(({ detail, input, expected }, k) => {
    it(`${detail}${input ? ' with a place and emoji' : ''}: sentences, their regions and the joined caption (${k})`, () => {
      const report = composeReport(input ?? SCENE, AT(detail));
      assertReport(report, expected);
      for (const s of report.sentences) for (const id of BELOW_THRESHOLD) assert.ok(!s.regionIds.includes(id));
    });
  });

  it('joined spans are in code points: the emoji pair shifts nothing after it by more than two', () => {
    const report = composeReport(
      { regions: [{ regionId: 's', label: 'sign', score: 0.9, box: [0, 0, 10, 10], text: '🚪🚪' }, { regionId: 'c', label: 'car', score: 0.9, box: [0, 0, 10, 10], trackId: 1 }], frameWidth: 600, frameHeight: 300 },
      AT('long'),
    );
    assert.equal(report.caption.text, 'A sign reading "🚪🚪" is at the top left, far from the camera. Car 1 is at the top left, far from the camera.');
    const car = report.caption.spans[1]!;
    assert.equal(car.start, report.caption.text.indexOf('Car 1') - 2);
  });

  it('nothing above the threshold: no sentences', () => {
    assert.deepEqual(composeReport(SCENE, { detail: 'long', scoreThreshold: 0.99 }), { sentences: [], caption: { text: '', spans: [] } });
  });
});
