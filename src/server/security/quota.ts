import { GroundstreamError } from '../../core/errors';

/** What a quota counts: live streams started, or subscriptions to streams. */
export type QuotaKind = 'stream' | 'subscription';

/** Most of each kind one principal may hold at once; undefined = unlimited. */
export interface QuotaLimits {
  readonly maxStreamsPerToken?: number;
  readonly maxSubscriptionsPerToken?: number;
}

/** Per-principal counters of what is in use. */
export interface Quota {
  /**
   * Takes one unit of `kind` for `principal` and returns the function that gives it back. The
   * release function may be called any number of times; only the first call counts, so it can be
   * called from every path that ends a call (end, cancel, error) without care.
   * @throws GroundstreamError `resource_exhausted` when the principal is at its limit.
   */
  acquire(principal: string, kind: QuotaKind): () => void;
  /** How many units of `kind` the principal holds now (for tests and metrics). */
  inUse(principal: string, kind: QuotaKind): number;
}

const LIMIT_NAMES: Readonly<Record<QuotaKind, keyof QuotaLimits>> = {
  stream: 'maxStreamsPerToken',
  subscription: 'maxSubscriptionsPerToken',
};

const PLURAL: Readonly<Record<QuotaKind, string>> = { stream: 'streams', subscription: 'subscriptions' };

/**
 * Counts streams and subscriptions per principal (the token's name; `anonymous` when auth is off,
 * so then the limits apply to all clients together) and refuses one over the limit.
 *
 * @throws GroundstreamError `invalid_argument` when a limit is not a whole number ≥ 0.
 * @example
 * const quota = createQuota({ maxStreamsPerToken: 2 });
 * const release = quota.acquire('ci', 'stream');
 * try { await runStream(); } finally { release(); }
 */
export function createQuota(limits: QuotaLimits): Quota {
  for (const key of Object.values(LIMIT_NAMES)) {
    const v = limits[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0) && v !== Infinity) {
      throw new GroundstreamError('invalid_argument', key, `${key} must be a whole number ≥ 0, got ${v}`);
    }
  }
  const counts: Record<QuotaKind, Map<string, number>> = { stream: new Map(), subscription: new Map() };

  return {
    acquire(principal: string, kind: QuotaKind): () => void {
      const limitName = LIMIT_NAMES[kind];
      const limit = limits[limitName];
      const held = counts[kind].get(principal) ?? 0;
      if (limit !== undefined && held >= limit) {
        throw new GroundstreamError(
          'resource_exhausted',
          principal,
          `'${principal}' already has ${held} ${PLURAL[kind]} open, the most ${limitName} (${limit}) allows; close one first`,
        );
      }
      counts[kind].set(principal, held + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const now = (counts[kind].get(principal) ?? 1) - 1;
        // Dropping zero entries keeps the map as small as the set of active principals.
        if (now <= 0) counts[kind].delete(principal);
        else counts[kind].set(principal, now);
      };
    },
    inUse(principal: string, kind: QuotaKind): number {
      return counts[kind].get(principal) ?? 0;
    },
  };
}
