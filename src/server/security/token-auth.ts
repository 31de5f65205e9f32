import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GroundstreamError } from '../../core/errors';

/** A bearer token and the name of whoever holds it (the principal quotas and logs use). */
export interface TokenEntry {
  readonly token: string;
  readonly name: string;
}

/** Who a request is from, once authenticated. */
export interface Principal {
  readonly name: string;
}

/** Checks `authorization` headers against the configured tokens. */
export interface TokenAuth {
  /** False when no tokens are configured and everyone is let in as `anonymous`. */
  readonly enabled: boolean;
  /**
   * The principal a `Bearer <token>` header belongs to.
   * @throws GroundstreamError `unauthenticated` when the header is missing, malformed or the token unknown.
   */
  authenticate(authorizationHeader: string | undefined): Principal;
}

/** The principal name every request gets while auth is off. */
export const ANONYMOUS = 'anonymous';

/** Shortest token {@link loadTokensFile} accepts: shorter ones can be guessed. */
export const MIN_TOKEN_LENGTH = 16;

const BEARER = /^\s*bearer[ \t]+(\S+)\s*$/i;

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

const unauthenticated = (message: string) => new GroundstreamError('unauthenticated', 'authorization', message);

/**
 * Bearer-token authentication. Auth is OFF unless tokens are configured: with an empty list every
 * request is let in as `anonymous`, so a server on a trusted network needs no setup.
 *
 * Tokens are compared as SHA-256 digests with `crypto.timingSafeEqual`, and every configured token
 * is compared on every call, so the time taken says neither how much of a token matched nor which
 * one did. Error messages never repeat what the client sent.
 *
 * @throws GroundstreamError `invalid_argument` for an empty token, a token with whitespace (it
 *   could not be sent in a header) or the same token configured twice.
 * @example
 * const auth = createTokenAuth([{ name: 'ci', token: 'k9v2…' }]);
 * auth.authenticate('Bearer k9v2…'); // { name: 'ci' }
 * auth.authenticate(undefined);      // throws unauthenticated
 * createTokenAuth([]).authenticate(undefined); // { name: 'anonymous' }
 */
export function createTokenAuth(tokens: readonly TokenEntry[]): TokenAuth {
  if (tokens.length === 0) {
    return { enabled: false, authenticate: () => ({ name: ANONYMOUS }) };
  }
  const known: { digest: Buffer; name: string }[] = [];
  for (const { token, name } of tokens) {
    if (token === '' || /\s/.test(token)) {
      throw new GroundstreamError('invalid_argument', name, `the token for '${name}' is empty or contains whitespace`);
    }
    const d = digest(token);
    const twin = known.find((k) => k.digest.equals(d));
    if (twin) throw new GroundstreamError('invalid_argument', name, `'${twin.name}' and '${name}' have the same token; each holder needs its own`);
    known.push({ digest: d, name });
  }
  return {
    enabled: true,
    authenticate(header: string | undefined): Principal {
      if (header === undefined || header.trim() === '') {
        throw unauthenticated("missing credentials: send the header 'authorization: Bearer <token>'");
      }
      const match = BEARER.exec(header);
      if (!match) throw unauthenticated("malformed authorization header: expected 'Bearer <token>'");
      const presented = digest(match[1]!);
      let found: string | undefined;
      for (const k of known) {
        // No early exit: the loop takes as long whichever token (if any) matches.
        if (timingSafeEqual(presented, k.digest) && found === undefined) found = k.name;
      }
      if (found === undefined) throw unauthenticated('the bearer token is not recognised');
      return { name: found };
    },
  };
}

/**
 * Reads a tokens file: one token a line, as `name:token` or just `token` (named `token-<n>`, n
 * counting the tokens in the file from 1). Blank lines and lines starting with `#` are skipped;
 * there are no trailing comments, since `#` may be part of a token. The name ends at the first
 * `:`, so a bare token must not contain one.
 *
 * @throws GroundstreamError `input_not_found` when the file is missing; `invalid_argument` naming
 *   the line (never the token) when a token is shorter than {@link MIN_TOKEN_LENGTH} characters,
 *   contains whitespace, has an empty name, or repeats an earlier token, and when the file holds
 *   no tokens at all (which would otherwise turn auth off).
 * @example
 * // tokens.txt:
 * //   # CI and the dashboard
 * //   ci:3f9a8c1e0b7d4a25c6e1
 * //   dashboard:b71c0e9d2a4f6e8813aa
 * const auth = createTokenAuth(await loadTokensFile('tokens.txt'));
 */
export async function loadTokensFile(path: string): Promise<TokenEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GroundstreamError('input_not_found', path, `tokens file ${path} does not exist`, { cause });
    throw new GroundstreamError('invalid_argument', path, `cannot read tokens file ${path} (${code ?? String(cause)})`, { cause });
  }
  const entries: TokenEntry[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `${path}:${i + 1}`;
    const colon = line.indexOf(':');
    const name = colon >= 0 ? line.slice(0, colon).trim() : `token-${entries.length + 1}`;
    const token = colon >= 0 ? line.slice(colon + 1).trim() : line;
    if (name === '') throw new GroundstreamError('invalid_argument', where, `${where}: the name before ':' is empty`);
    if (/\s/.test(token)) throw new GroundstreamError('invalid_argument', where, `${where}: the token for '${name}' contains whitespace`);
    if (token.length < MIN_TOKEN_LENGTH) {
      throw new GroundstreamError('invalid_argument', where, `${where}: the token for '${name}' is ${token.length} characters; tokens must be at least ${MIN_TOKEN_LENGTH}`);
    }
    const earlier = seen.get(token);
    if (earlier !== undefined) throw new GroundstreamError('invalid_argument', where, `${where}: the token for '${name}' repeats the one on line ${earlier}`);
    seen.set(token, i + 1);
    entries.push({ name, token });
  }
  // An empty list would turn auth off (see createTokenAuth): refuse rather than open the server.
  if (entries.length === 0) throw new GroundstreamError('invalid_argument', path, `tokens file ${path} holds no tokens; an empty list would turn authentication off`);
  return entries;
}
