import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isGroundstreamError, type ErrorCode } from '../../../../src/core/errors';
import { checkFileSource } from '../../../../src/server/security/check-file-source';

/**
 * Layout in a temp dir (realpath'ed, since os.tmpdir() may itself be a symlink):
 *   data/clip.mp4, data/sub/nested.mp4
 *   data/link-out.mp4      -> outside/secret.mp4        (file symlink leaving the root)
 *   data/dir-out           -> outside/                  (directory symlink leaving the root)
 *   data/dangling-out.mp4  -> outside/missing.mp4       (dangling symlink leaving the root)
 *   data/link-in.mp4       -> data/sub/nested.mp4       (symlink staying inside)
 *   data/dir-in            -> data/sub                  (directory symlink staying inside)
 *   data/dangling-in.mp4   -> data/sub/missing.mp4      (dangling symlink inside)
 *   data/loop-a <-> data/loop-b                         (symlink loop)
 *   data/to-archive.mp4    -> archive/a.mp4             (from one root into another)
 *   data-evil/evil.mp4                                  (prefix trick: not under data)
 *   outside/secret.mp4
 *   archive/a.mp4
 *   root-link              -> data                      (a root that is itself a symlink)
 */
describe('checkFileSource (real files in a temp dir)', () => {
  let tmp: string;
  let data: string;
  let archive: string;
  let outside: string;

  before(() => {
    tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'gs-file-source-')));
    data = path.join(tmp, 'data');
    archive = path.join(tmp, 'archive');
    outside = path.join(tmp, 'outside');
    for (const d of [data, path.join(data, 'sub'), archive, outside, path.join(tmp, 'data-evil')]) mkdirSync(d, { recursive: true });
    for (const f of ['data/clip.mp4', 'data/sub/nested.mp4', 'data-evil/evil.mp4', 'outside/secret.mp4', 'archive/a.mp4']) writeFileSync(path.join(tmp, f), 'x');
    const link = (target: string, at: string) => symlinkSync(target, path.join(tmp, at));
    link(path.join(outside, 'secret.mp4'), 'data/link-out.mp4');
    link(outside, 'data/dir-out');
    link(path.join(outside, 'missing.mp4'), 'data/dangling-out.mp4');
    link('sub/nested.mp4', 'data/link-in.mp4'); // relative target
    link(path.join(data, 'sub'), 'data/dir-in');
    link('sub/missing.mp4', 'data/dangling-in.mp4');
    link('loop-b', 'data/loop-a');
    link('loop-a', 'data/loop-b');
    link('../archive/a.mp4', 'data/to-archive.mp4');
    link(data, 'root-link');
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  async function outcome(input: string, roots: readonly string[]): Promise<ErrorCode | string> {
    try {
      return await checkFileSource(input, roots);
    } catch (e) {
      if (isGroundstreamError(e)) return e.code;
      throw e;
    }
  }

  // [input (relative to the temp dir when it starts with '@'), roots (relative to the temp dir), expected: a code, or the real path relative to the temp dir]
  const table: [string, string[], string][] = [
    ['clip.mp4', ['data'], 'data/clip.mp4'],
    ['./sub/nested.mp4', ['data'], 'data/sub/nested.mp4'],
    ['sub/../clip.mp4', ['data'], 'data/clip.mp4'],
    ['@data/clip.mp4', ['data'], 'data/clip.mp4'],
    ['@data/sub/nested.mp4', ['data', 'archive'], 'data/sub/nested.mp4'],
    ['@archive/a.mp4', ['data', 'archive'], 'archive/a.mp4'],
    ['a.mp4', ['data', 'archive'], 'input_not_found'], // relative inputs use the first root only
    ['a.mp4', ['archive', 'data'], 'archive/a.mp4'],
    // traversal
    ['../outside/secret.mp4', ['data'], 'permission_denied'],
    ['../../../../../../etc/passwd', ['data'], 'permission_denied'],
    ['sub/../../outside/secret.mp4', ['data'], 'permission_denied'],
    ['../data/clip.mp4', ['data'], 'data/clip.mp4'], // leaves and comes back: still inside
    ['..', ['data'], 'permission_denied'],
    ['@outside/secret.mp4', ['data'], 'permission_denied'],
    ['/etc/passwd', ['data'], 'permission_denied'],
    ['@outside/missing.mp4', ['data'], 'permission_denied'], // missing outside: same answer as existing
    ['../outside/missing.mp4', ['data'], 'permission_denied'],
    // prefix trick
    ['@data-evil/evil.mp4', ['data'], 'permission_denied'],
    ['../data-evil/evil.mp4', ['data'], 'permission_denied'],
    // symlinks out
    ['link-out.mp4', ['data'], 'permission_denied'],
    ['dir-out/secret.mp4', ['data'], 'permission_denied'],
    ['dir-out/missing.mp4', ['data'], 'permission_denied'],
    ['dangling-out.mp4', ['data'], 'permission_denied'],
    ['dir-out', ['data'], 'permission_denied'],
    ['to-archive.mp4', ['data'], 'permission_denied'],
    ['to-archive.mp4', ['data', 'archive'], 'archive/a.mp4'], // into another root: allowed
    // symlinks in
    ['link-in.mp4', ['data'], 'data/sub/nested.mp4'],
    ['dir-in/nested.mp4', ['data'], 'data/sub/nested.mp4'],
    ['dangling-in.mp4', ['data'], 'input_not_found'],
    ['dir-in/missing.mp4', ['data'], 'input_not_found'],
    ['loop-a', ['data'], 'permission_denied'],
    // missing inside
    ['missing.mp4', ['data'], 'input_not_found'],
    ['sub/deeper/missing.mp4', ['data'], 'input_not_found'],
    ['clip.mp4/not-a-dir', ['data'], 'input_not_found'],
    // a root that is itself a symlink
    ['clip.mp4', ['root-link'], 'data/clip.mp4'],
    ['@root-link/clip.mp4', ['root-link'], 'data/clip.mp4'],
    ['@data/clip.mp4', ['root-link'], 'data/clip.mp4'],
    ['@root-link/link-out.mp4', ['root-link'], 'permission_denied'],
    ['../outside/secret.mp4', ['root-link'], 'permission_denied'],
    ['missing.mp4', ['root-link'], 'input_not_found'],
    // roots that do not exist hold nothing
    ['clip.mp4', ['nonexistent', 'data'], 'input_not_found'],
    ['@data/clip.mp4', ['nonexistent', 'data'], 'data/clip.mp4'],
    // not paths
    ['', ['data'], 'invalid_argument'],
    ['clip\0.mp4', ['data'], 'invalid_argument'],
  ];
  for (const [input, roots, expected] of table) {
    it(`${JSON.stringify(input)} under [${roots.join(', ')}] → ${expected}`, async () => {
      const actualInput = input.startsWith('@') ? path.join(tmp, input.slice(1)) : input;
      const got = await outcome(actualInput, roots.map((r) => path.join(tmp, r)));
      const want = expected.includes('/') || expected.includes('.') ? path.join(tmp, expected) : expected;
      assert.equal(got, want);
    });
  }

  it('refuses every file, saying the server serves no files, when no roots are configured', async () => {
    for (const input of [path.join(data, 'clip.mp4'), 'clip.mp4', '/etc/passwd']) {
      await assert.rejects(checkFileSource(input, []), (e) => isGroundstreamError(e, 'permission_denied') && /serves no files/.test(e.message));
    }
  });

  it('gives one message for outside files whether or not they exist', async () => {
    const message = async (input: string) => {
      try {
        await checkFileSource(input, [data]);
      } catch (e) {
        if (isGroundstreamError(e)) return e.message.replace(input, '<input>');
      }
      return 'allowed';
    };
    const existing = await message(path.join(outside, 'secret.mp4'));
    assert.equal(await message(path.join(outside, 'missing.mp4')), existing);
    assert.equal(await message('dir-out/secret.mp4'), existing);
    assert.equal(await message('dir-out/missing.mp4'), existing);
    assert.match(existing, /outside the folders/);
  });

  it('names the input in the error', async () => {
    await assert.rejects(checkFileSource('../../etc/passwd', [data]), (e) => isGroundstreamError(e, 'permission_denied') && e.input === '../../etc/passwd' && e.message.includes('../../etc/passwd'));
    await assert.rejects(checkFileSource('missing.mp4', [data]), (e) => isGroundstreamError(e, 'input_not_found') && e.input === 'missing.mp4' && e.message.includes('missing.mp4'));
  });

  it('accepts a relative root (resolved against the working directory)', async () => {
    const relative = path.relative(process.cwd(), data);
    assert.equal(await checkFileSource('clip.mp4', [relative]), path.join(data, 'clip.mp4'));
  });
});
