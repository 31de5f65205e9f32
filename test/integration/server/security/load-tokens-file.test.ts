import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isGroundstreamError } from '../../../../src/core/errors';
import { createTokenAuth, loadTokensFile } from '../../../../src/server/security/token-auth';

describe('loadTokensFile (real files in a temp dir)', () => {
  let tmp: string;
  let n = 0;
  const file = (text: string): string => {
    const p = path.join(tmp, `tokens-${++n}.txt`);
    writeFileSync(p, text);
    return p;
  };

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-tokens-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const accepted: [string, string, { name: string; token: string }[]][] = [
    ['name:token lines', 'ci:ci-0123456789abcdef\ndashboard:dash-0123456789abcdef\n', [
      { name: 'ci', token: 'ci-0123456789abcdef' },
      { name: 'dashboard', token: 'dash-0123456789abcdef' },
    ]],
    ['bare tokens, numbered among the tokens', 'aaaaaaaaaaaaaaaa\n\n# comment\nbbbbbbbbbbbbbbbb\n', [
      { name: 'token-1', token: 'aaaaaaaaaaaaaaaa' },
      { name: 'token-2', token: 'bbbbbbbbbbbbbbbb' },
    ]],
    ['mixed, with comments, blank lines, CRLF and indentation', '# tokens\r\n\r\n  ci : ci-0123456789abcdef  \r\n   # indented comment\r\ncccccccccccccccc\r\n', [
      { name: 'ci', token: 'ci-0123456789abcdef' },
      { name: 'token-2', token: 'cccccccccccccccc' },
    ]],
    ['a token holding # and :', 'ops:abc#def:ghi0123456789\n', [{ name: 'ops', token: 'abc#def:ghi0123456789' }]],
    ['no final newline', 'ci:ci-0123456789abcdef', [{ name: 'ci', token: 'ci-0123456789abcdef' }]],
  ];
  for (const [what, text, expected] of accepted) {
    it(`reads ${what}`, async () => assert.deepEqual(await loadTokensFile(file(text)), expected));
  }

  const refused: [string, string, RegExp][] = [
    ['a short token', 'ci:short-secret\n', /:1: the token for 'ci' is 12 characters; tokens must be at least 16/],
    ['a short bare token on line 3', '# x\n\nshort\n', /:3: the token for 'token-1' is 5 characters/],
    ['an empty name', ':dddddddddddddddd\n', /:1: the name before ':' is empty/],
    ['an empty token after a name', 'ci:\n', /the token for 'ci' is 0 characters/],
    ['a token with a space', 'ci:aaaaaaaa bbbbbbbbbb\n', /contains whitespace/],
    ['a repeated token', 'a:eeeeeeeeeeeeeeee\nb:eeeeeeeeeeeeeeee\n', /:2: the token for 'b' repeats the one on line 1/],
    ['a file with no tokens (auth would be off)', '# nothing yet\n\n', /holds no tokens/],
    ['an empty file', '', /holds no tokens/],
  ];
  for (const [what, text, message] of refused) {
    it(`refuses ${what} with invalid_argument, without echoing the token`, async () => {
      await assert.rejects(loadTokensFile(file(text)), (e) => {
        assert.ok(isGroundstreamError(e, 'invalid_argument'), String(e));
        assert.match(e.message, message);
        for (const secret of ['short-secret', 'dddddddddddddddd', 'eeeeeeeeeeeeeeee', 'bbbbbbbbbb']) assert.ok(!e.message.includes(secret));
        return true;
      });
    });
  }

  it('refuses a missing file with input_not_found naming it', async () => {
    const missing = path.join(tmp, 'nope.txt');
    await assert.rejects(loadTokensFile(missing), (e) => isGroundstreamError(e, 'input_not_found') && e.input === missing && e.message.includes(missing));
  });

  it('feeds createTokenAuth', async () => {
    const auth = createTokenAuth(await loadTokensFile(file('ci:ci-0123456789abcdef\nffffffffffffffff\n')));
    assert.deepEqual(auth.authenticate('Bearer ci-0123456789abcdef'), { name: 'ci' });
    assert.deepEqual(auth.authenticate('bearer ffffffffffffffff'), { name: 'token-2' });
  });
});
