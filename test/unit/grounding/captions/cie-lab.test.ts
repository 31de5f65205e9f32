import assert from 'node:assert/strict';
import { deltaE2000, srgbToLab, type Lab } from '../../../../src/grounding/captions';

const near = (actual: number, expected: number, tolerance: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

describe('srgbToLab', () => {
  // Reference values: CIE L*a*b* (D65, 2°) of the sRGB primaries and greys, as published by Lindbloom and EasyRGB.
  const cases: { rgb: [number, number, number]; lab: [number, number, number] }[] = [
    { rgb: [255, 0, 0], lab: [53.24, 80.09, 67.2] },
    { rgb: [0, 255, 0], lab: [87.73, -86.18, 83.18] },
    { rgb: [0, 0, 255], lab: [32.3, 79.19, -107.86] },
    { rgb: [255, 255, 0], lab: [97.14, -21.55, 94.48] },
    { rgb: [255, 255, 255], lab: [100, 0, 0] },
    { rgb: [0, 0, 0], lab: [0, 0, 0] },
    { rgb: [128, 128, 128], lab: [53.585, 0, 0] },
  ];
  for (const { rgb, lab } of cases) {
    it(`(${rgb.join(', ')}) → L ${lab[0]}, a ${lab[1]}, b ${lab[2]}`, () => {
      const actual = srgbToLab(...rgb);
      near(actual.l, lab[0], 0.01, 'L');
      near(actual.a, lab[1], 0.01, 'a');
      near(actual.b, lab[2], 0.01, 'b');
    });
  }

  it('the dark end is linear (no cube root of tiny values)', () => {
    // sRGB 1/255 is on the linear segment of both the sRGB and the Lab transfer functions.
    near(srgbToLab(1, 1, 1).l, 0.2742, 0.001, 'L');
  });
});

describe('deltaE2000', () => {
  // Test pairs of Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula", table 1.
  const pairs: { p: [number, number, number]; q: [number, number, number]; dE: number }[] = [
    { p: [50, 2.6772, -79.7751], q: [50, 0, -82.7485], dE: 2.0425 },
    { p: [50, 3.1571, -77.2803], q: [50, 0, -82.7485], dE: 2.8615 },
    { p: [50, 0, 0], q: [50, -1, 2], dE: 2.3669 },
    { p: [50, 2.49, -0.001], q: [50, -2.49, 0.0009], dE: 7.1792 },
    { p: [50, 2.49, -0.001], q: [50, -2.49, 0.0011], dE: 7.2195 },
    { p: [50, -0.001, 2.49], q: [50, 0.0009, -2.49], dE: 4.8045 },
    { p: [50, 2.5, 0], q: [50, 0, -2.5], dE: 4.3065 },
    { p: [50, 2.5, 0], q: [73, 25, -18], dE: 27.1492 },
    { p: [50, 2.5, 0], q: [61, -5, 29], dE: 22.8977 },
    { p: [50, 2.5, 0], q: [56, -27, -3], dE: 31.903 },
    { p: [50, 2.5, 0], q: [58, 24, 15], dE: 19.4535 },
  ];
  const lab = ([l, a, b]: [number, number, number]): Lab => ({ l, a, b });
  for (const { p, q, dE } of pairs) {
    it(`(${p.join(', ')}) vs (${q.join(', ')}) = ${dE}`, () => {
      near(deltaE2000(lab(p), lab(q)), dE, 5e-5, 'ΔE00');
      near(deltaE2000(lab(q), lab(p)), dE, 5e-5, 'ΔE00 reversed');
    });
  }

  it('is 0 for the same colour', () => {
    assert.equal(deltaE2000({ l: 40, a: 10, b: -20 }, { l: 40, a: 10, b: -20 }), 0);
  });
});
