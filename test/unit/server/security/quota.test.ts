import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { createQuota, type QuotaKind, type QuotaLimits } from '../../../../src/server/security/quota';

describe('createQuota', () => {
  // [limits, kind, how many acquires succeed before the next is refused (undefined: never refused)]
  const table: [QuotaLimits, QuotaKind, number | undefined][] = [
    [{}, 'stream', undefined],
    [{}, 'subscription', undefined],
    [{ maxStreamsPerToken: 2 }, 'stream', 2],
    [{ maxStreamsPerToken: 2 }, 'subscription', undefined],
    [{ maxSubscriptionsPerToken: 3 }, 'subscription', 3],
    [{ maxSubscriptionsPerToken: 3 }, 'stream', undefined],
    [{ maxStreamsPerToken: 1, maxSubscriptionsPerToken: 4 }, 'stream', 1],
    [{ maxStreamsPerToken: 1, maxSubscriptionsPerToken: 4 }, 'subscription', 4],
    [{ maxStreamsPerToken: 0 }, 'stream', 0],
    [{ maxStreamsPerToken: Infinity }, 'stream', undefined],
  ];
  for (const [limits, kind, max] of table) {
    it(`${JSON.stringify(limits)}: ${kind} refused after ${max ?? 'never'}`, () => {
      const quota = createQuota(limits);
      const n = max ?? 50;
      for (let i = 0; i < n; i++) quota.acquire('alice', kind);
      assert.equal(quota.inUse('alice', kind), n);
      if (max === undefined) {
        quota.acquire('alice', kind);
        assert.equal(quota.inUse('alice', kind), n + 1);
      } else {
        assert.throws(() => quota.acquire('alice', kind), (e) => isGroundstreamError(e, 'resource_exhausted'));
        assert.equal(quota.inUse('alice', kind), n, 'a refused acquire takes nothing');
      }
    });
  }

  it('names the limit and the principal when refusing', () => {
    const quota = createQuota({ maxStreamsPerToken: 1, maxSubscriptionsPerToken: 1 });
    quota.acquire('ci', 'stream');
    quota.acquire('ci', 'subscription');
    assert.throws(() => quota.acquire('ci', 'stream'), (e) => isGroundstreamError(e, 'resource_exhausted') && /maxStreamsPerToken/.test(e.message) && /'ci'/.test(e.message) && e.input === 'ci');
    assert.throws(() => quota.acquire('ci', 'subscription'), (e) => isGroundstreamError(e, 'resource_exhausted') && /maxSubscriptionsPerToken/.test(e.message));
  });

  it('counts each principal separately', () => {
    const quota = createQuota({ maxStreamsPerToken: 1 });
    quota.acquire('alice', 'stream');
    quota.acquire('bob', 'stream');
    assert.throws(() => quota.acquire('alice', 'stream'), (e) => isGroundstreamError(e, 'resource_exhausted'));
    assert.equal(quota.inUse('alice', 'stream'), 1);
    assert.equal(quota.inUse('bob', 'stream'), 1);
    assert.equal(quota.inUse('carol', 'stream'), 0);
  });

  it('gives a unit back on release, and a second release of the same unit does nothing', () => {
    const quota = createQuota({ maxStreamsPerToken: 2 });
    const first = quota.acquire('alice', 'stream');
    const second = quota.acquire('alice', 'stream');
    assert.throws(() => quota.acquire('alice', 'stream'));
    first();
    first();
    first();
    assert.equal(quota.inUse('alice', 'stream'), 1, 'repeated release gave back more than it took');
    const third = quota.acquire('alice', 'stream');
    assert.equal(quota.inUse('alice', 'stream'), 2);
    second();
    third();
    second();
    assert.equal(quota.inUse('alice', 'stream'), 0);
  });

  it('keeps streams and subscriptions apart', () => {
    const quota = createQuota({ maxStreamsPerToken: 1, maxSubscriptionsPerToken: 1 });
    const s = quota.acquire('alice', 'stream');
    quota.acquire('alice', 'subscription');
    s();
    assert.equal(quota.inUse('alice', 'stream'), 0);
    assert.equal(quota.inUse('alice', 'subscription'), 1);
  });

  it('keeps state per instance', () => {
    const a = createQuota({ maxStreamsPerToken: 1 });
    const b = createQuota({ maxStreamsPerToken: 1 });
    a.acquire('alice', 'stream');
    assert.doesNotThrow(() => b.acquire('alice', 'stream'));
  });

  for (const bad of [-1, 1.5, NaN, -Infinity]) {
    it(`refuses the limit ${bad}`, () => {
      assert.throws(() => createQuota({ maxStreamsPerToken: bad }), (e) => isGroundstreamError(e, 'invalid_argument') && /maxStreamsPerToken/.test(e.message));
      assert.throws(() => createQuota({ maxSubscriptionsPerToken: bad }), (e) => isGroundstreamError(e, 'invalid_argument') && /maxSubscriptionsPerToken/.test(e.message));
    });
  }
});
