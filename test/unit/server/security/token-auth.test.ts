import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { createTokenAuth } from '../../../../src/server/security/token-auth';

const CI = 'ci-0123456789abcdef';
const DASH = 'dash-fedcba9876543210';

describe('createTokenAuth', () => {
  const auth = createTokenAuth([
    { name: 'ci', token: CI },
    { name: 'dashboard', token: DASH },
  ]);

  const accepted: [string, string][] = [
    [`Bearer ${CI}`, 'ci'],
    [`Bearer ${DASH}`, 'dashboard'],
    [`bearer ${CI}`, 'ci'],
    [`BEARER ${CI}`, 'ci'],
    [`BeArEr ${DASH}`, 'dashboard'],
    [`Bearer   ${CI}`, 'ci'],
    [`Bearer\t${CI}`, 'ci'],
    [`  Bearer ${CI}  `, 'ci'],
  ];
  for (const [header, name] of accepted) {
    it(`accepts ${JSON.stringify(header)} as ${name}`, () => assert.deepEqual(auth.authenticate(header), { name }));
  }

  const refused: [string, string | undefined, RegExp][] = [
    ['missing header', undefined, /missing/],
    ['empty header', '', /missing/],
    ['blank header', '   ', /missing/],
    ['token without scheme', CI, /malformed/],
    ['Basic scheme', `Basic ${Buffer.from(`ci:${CI}`).toString('base64')}`, /malformed/],
    ['scheme without token', 'Bearer', /malformed/],
    ['scheme and space only', 'Bearer ', /malformed/],
    ['two tokens', `Bearer ${CI} ${DASH}`, /malformed/],
    ['no space after scheme', `Bearer${CI}`, /malformed/],
    ['unknown token', 'Bearer not-a-known-token-at-all', /not recognised/],
    ['token with a character more', `Bearer ${CI}x`, /not recognised/],
    ['token with a character less', `Bearer ${CI.slice(0, -1)}`, /not recognised/],
    ['token in another case', `Bearer ${CI.toUpperCase()}`, /not recognised/],
    ['a token prefix', 'Bearer ci-', /not recognised/],
  ];
  for (const [what, header, message] of refused) {
    it(`refuses a ${what} as unauthenticated without echoing it`, () => {
      assert.throws(
        () => auth.authenticate(header),
        (e) => {
          assert.ok(isGroundstreamError(e, 'unauthenticated'));
          assert.match(e.message, message);
          const sent = header?.trim().split(/\s+/).pop() ?? '';
          if (sent.length > 6) assert.ok(!e.message.includes(sent) && !e.input.includes(sent), `message echoes the token: ${e.message}`);
          return true;
        },
      );
    });
  }

  it('is on when tokens are configured', () => assert.equal(auth.enabled, true));

  it('lets everyone in as anonymous when no tokens are configured (auth off)', () => {
    const open = createTokenAuth([]);
    assert.equal(open.enabled, false);
    for (const header of [undefined, '', 'Bearer whatever', 'garbage']) assert.deepEqual(open.authenticate(header), { name: 'anonymous' });
  });

  it('refuses the same token configured for two names', () => {
    assert.throws(
      () => createTokenAuth([{ name: 'a', token: CI }, { name: 'b', token: CI }]),
      (e) => isGroundstreamError(e, 'invalid_argument') && /'a' and 'b'/.test(e.message) && !e.message.includes(CI),
    );
  });

  it('refuses an empty token or one with whitespace', () => {
    for (const token of ['', 'has space in it 1234', 'tab\tinside-0123456']) {
      assert.throws(() => createTokenAuth([{ name: 'x', token }]), (e) => isGroundstreamError(e, 'invalid_argument'));
    }
  });

  it('keeps its state per instance', () => {
    const other = createTokenAuth([{ name: 'other', token: 'other-0123456789abcdef' }]);
    assert.throws(() => other.authenticate(`Bearer ${CI}`), (e) => isGroundstreamError(e, 'unauthenticated'));
    assert.deepEqual(auth.authenticate(`Bearer ${CI}`), { name: 'ci' });
  });
});
