import { lstat, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { GroundstreamError } from '../../core/errors';

/** Symlink hops followed before giving up, as Linux does (MAXSYMLINKS). */
const MAX_SYMLINK_HOPS = 40;

const errnoCode = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** True when `child` is `root` or below it. Compared by path segments, so /data-evil is not under /data. */
function isInside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

interface Root {
  /** As configured, made absolute. */
  readonly lexical: string;
  /** Symlinks resolved; undefined when the root does not exist (it then contains nothing). */
  readonly real: string | undefined;
}

async function resolveRoots(roots: readonly string[]): Promise<Root[]> {
  return Promise.all(
    roots.map(async (r) => {
      const lexical = path.resolve(r);
      try {
        return { lexical, real: await realpath(lexical) };
      } catch {
        // A missing or unreadable root holds no files to serve; not a reason to fail every call.
        return { lexical, real: undefined };
      }
    }),
  );
}

/**
 * Where a path that does not exist would be once its symlinks were followed: components are
 * resolved one by one until one is missing, and the rest is appended. Used only to decide whether a
 * missing file is inside a root (input_not_found) or outside (permission_denied), so that a client
 * cannot learn whether a file outside the roots exists from which error it gets.
 */
async function wouldBeRealPath(absolute: string): Promise<string> {
  const rest = absolute.split(path.sep).filter((p) => p !== '');
  let current = path.parse(absolute).root;
  let hops = 0;
  while (rest.length > 0) {
    const name = rest.shift()!;
    if (name === '.') continue;
    if (name === '..') {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, name);
    let isLink: boolean;
    try {
      isLink = (await lstat(next)).isSymbolicLink();
    } catch (e) {
      if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'ENOTDIR') return path.resolve(next, ...rest);
      throw e;
    }
    if (!isLink) {
      current = next;
      continue;
    }
    if (++hops > MAX_SYMLINK_HOPS) throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
    const target = await readlink(next);
    if (path.isAbsolute(target)) current = path.parse(target).root;
    rest.unshift(...target.split(path.sep).filter((p) => p !== ''));
  }
  return current;
}

/**
 * Checks a file path a client asks the server to read, allowing only files under the configured
 * root folders, and returns the file's real path (symlinks resolved), which is what the caller
 * must open: opening the returned path rather than the input is what makes the check hold.
 *
 * - A relative input is resolved against the FIRST root, so `clips/a.mp4` with roots
 *   `['/data/videos', '/mnt/archive']` means `/data/videos/clips/a.mp4`.
 * - `..` that leaves the roots, an absolute path outside them, and symlinks anywhere in the path
 *   (the file itself included) whose target lies outside every root are `permission_denied`, with
 *   one message whether or not the outside file exists.
 * - Roots are compared by their real paths too, so a root that is itself a symlink works, and by
 *   whole path segments, so `/data-evil/x` is not under the root `/data`.
 * - A file missing inside a root is `input_not_found`.
 * - With no roots configured the server serves no files: every file is `permission_denied`.
 *
 * A root that does not exist holds no files (a path into it is `input_not_found`). The check and the later open are separate steps, so anyone
 * who can write symlinks inside a root can still race it; roots should be writable only by people
 * trusted with the whole file system.
 *
 * @example
 * await checkFileSource('clips/a.mp4', ['/data/videos']);     // '/data/videos/clips/a.mp4'
 * await checkFileSource('../../etc/passwd', ['/data/videos']); // throws permission_denied
 */
export async function checkFileSource(input: string, roots: readonly string[]): Promise<string> {
  if (roots.length === 0) {
    throw new GroundstreamError('permission_denied', input, `${input}: this server serves no files (no file roots are configured); send a URL instead`);
  }
  if (input === '' || input.includes('\0')) {
    throw new GroundstreamError('invalid_argument', input, `'${input}' is not a valid file path`);
  }
  const denied = () => new GroundstreamError('permission_denied', input, `${input} is outside the folders this server serves files from`);
  const resolvedRoots = await resolveRoots(roots);
  const realRoots = resolvedRoots.flatMap((r) => (r.real === undefined ? [] : [r.real]));
  const underRealRoot = (p: string) => realRoots.some((r) => isInside(p, r));

  // path.resolve collapses '..' by name before anything on disk is looked at: a path that leaves
  // the roots by name is refused without touching the file system outside them.
  const first = resolvedRoots[0]!;
  const candidate = path.resolve(first.real ?? first.lexical, input);
  if (!resolvedRoots.some((r) => isInside(candidate, r.lexical)) && !underRealRoot(candidate)) throw denied();

  let resolved: string;
  try {
    resolved = await realpath(candidate);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ELOOP') throw denied(); // where a loop leads cannot be said to be inside a root
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EACCES') throw e;
    // Which error to give depends only on where the path leads, never on what exists outside.
    let wouldBe: string;
    try {
      wouldBe = await wouldBeRealPath(candidate);
    } catch {
      throw denied();
    }
    // A root that does not exist still names where its files would be: a path into it is missing, not outside.
    const underMissingRoot = resolvedRoots.some((r) => r.real === undefined && isInside(wouldBe, r.lexical));
    if (!underRealRoot(wouldBe) && !underMissingRoot) throw denied();
    if (code === 'EACCES') throw new GroundstreamError('permission_denied', input, `${input}: the server may not read this file`, { cause: e });
    throw new GroundstreamError('input_not_found', input, `${input}: no such file`, { cause: e });
  }
  if (!underRealRoot(resolved)) throw denied();
  return resolved;
}
