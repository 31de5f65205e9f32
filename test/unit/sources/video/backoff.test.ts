import assert from 'node:assert/strict';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from '../../../../src/sources/video/backoff';

describe('backoffDelayMs', () => {
  const exact: BackoffPolicy = { ...DEFAULT_BACKOFF, jitter: 0 };
  const cases: Array<[string, BackoffPolicy, number, number, number]> = [
    // name, policy, attempt, random(), expected ms
    ['first wait, no jitter', exact, 1, 0.9, 500],
    ['doubles: second', exact, 2, 0.9, 1000],
    ['doubles: fifth', exact, 5, 0.9, 8000],
    ['capped at maxDelayMs', exact, 6, 0.9, 10_000],
    ['stays capped far out (no overflow)', exact, 5000, 0.9, 10_000],
    ['attempt below 1 counts as 1', exact, 0, 0.5, 500],
    ['±50 %: random 0 gives half', DEFAULT_BACKOFF, 3, 0, 1000],
    ['±50 %: random 0.5 gives the delay', DEFAULT_BACKOFF, 3, 0.5, 2000],
    ['±50 %: random just below 1 gives almost 1.5×', DEFAULT_BACKOFF, 3, 0.999, 2998],
    ['jitter never passes maxDelayMs', DEFAULT_BACKOFF, 5, 0.999, 10_000],
    ['full jitter (1): random 0 gives 0', { ...DEFAULT_BACKOFF, jitter: 1 }, 2, 0, 0],
    ['factor 3, own start', { initialDelayMs: 100, maxDelayMs: 5000, factor: 3, jitter: 0 }, 4, 0.3, 2700],
    ['factor 1: constant', { initialDelayMs: 250, maxDelayMs: 5000, factor: 1, jitter: 0 }, 7, 0.3, 250],
    ['random() out of range is clamped', DEFAULT_BACKOFF, 1, 7, 750],
  ];
  for (const [name, policy, attempt, r, expected] of cases) {
    it(`${name}: attempt ${attempt} → ${expected} ms`, () => assert.equal(backoffDelayMs(attempt, policy, () => r), expected));
  }

  it('the default schedule with jitter stays within ±50 % of 500, 1000, 2000, 4000, 8000, 10000 ms', () => {
    const nominal = [500, 1000, 2000, 4000, 8000, 10_000];
    let seed = 7;
    const random = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let round = 0; round < 200; round++) {
      nominal.forEach((d, i) => {
        const got = backoffDelayMs(i + 1, DEFAULT_BACKOFF, random);
        assert.ok(got >= d * 0.5 && got <= Math.min(10_000, d * 1.5), `attempt ${i + 1}: ${got} ms`);
      });
    }
  });
});
