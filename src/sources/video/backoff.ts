/** How long a live source waits before each reopening. */
export interface BackoffPolicy {
  /** Delay before the first reopening of a row. */
  initialDelayMs: number;
  /** No delay is longer than this, jitter included. */
  maxDelayMs: number;
  /** Each further reopening in a row waits `factor` times longer. */
  factor: number;
  /**
   * Spread of each delay as a fraction of it: the delay is drawn from [d·(1−jitter), d·(1+jitter)),
   * so that many readers of one camera that failed together do not all come back at the same instant.
   * 0 = exact delays; 0.5 (the default) = ±50 %; 1 = anywhere from 0 to twice the delay.
   */
  jitter: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({ initialDelayMs: 500, maxDelayMs: 10_000, factor: 2, jitter: 0.5 });

/**
 * The delay before reopening number `attempt` of a row (1 for the first): initialDelayMs·factor^(attempt−1),
 * spread by the jitter with `random()` (a number in [0, 1), as Math.random gives), capped at maxDelayMs,
 * in whole milliseconds.
 *
 * @example backoffDelayMs(3, DEFAULT_BACKOFF, () => 0.5) // 2000: 500·2², at the middle of its ±50 %
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (n - 1));
  const r = Math.min(1, Math.max(0, random()));
  const spread = base * (1 - policy.jitter + 2 * policy.jitter * r);
  return Math.round(Math.max(0, Math.min(policy.maxDelayMs, spread)));
}
