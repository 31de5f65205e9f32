import { promises as dns } from 'node:dns';
import { GroundstreamError } from '../../core/errors';
import { classifyAddress, isIpAddress, parseLegacyIPv4, type AddressClass } from './ip-ranges';

/** What {@link checkUrlSource} lets through besides public addresses. */
export interface UrlSourceOptions {
  /** Allow private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local and loopback addresses. */
  readonly allowPrivate?: boolean;
  /** Allow loopback addresses (127/8, ::1) only, e.g. for a camera proxy on the same host. */
  readonly allowLoopback?: boolean;
  /** Resolves a host name to its addresses; defaults to the system resolver (`dns.lookup`, all addresses). */
  readonly lookup?: (host: string) => Promise<string[]>;
}

/** Schemes a client may ask the server to open; ffmpeg's others (file, pipe, concat, …) read local things. */
const ALLOWED_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'rtsp:']);

const CLASS_WORDS: Readonly<Record<AddressClass, string>> = {
  public: 'a public address',
  loopback: 'a loopback address',
  private: 'a private-network address',
  'link-local': 'a link-local address',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  reserved: 'a reserved or broadcast address',
};

async function systemLookup(host: string): Promise<string[]> {
  const found = await dns.lookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

function allowed(cls: AddressClass, options: UrlSourceOptions): boolean {
  if (cls === 'public') return true;
  if (cls === 'loopback') return options.allowLoopback === true || options.allowPrivate === true;
  if (cls === 'private' || cls === 'link-local') return options.allowPrivate === true;
  return false; // unspecified, multicast, reserved: never a video source worth the risk
}

function hint(cls: AddressClass): string {
  if (cls === 'loopback') return ' (the server allows it only with allowLoopback or allowPrivate)';
  if (cls === 'private' || cls === 'link-local') return ' (the server allows it only with allowPrivate)';
  return '';
}

/** The URL with any password hidden, for messages and error inputs that may end up in logs. */
function redacted(url: URL): string {
  if (url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.password = '***';
  return copy.href;
}

/**
 * Checks a URL a client asks the server to read video from, so that the server cannot be used to
 * reach its own host or internal network (server-side request forgery) or to read local files
 * through ffmpeg's other protocols.
 *
 * - Only http, https and rtsp are accepted; any other scheme is `permission_denied`, and a URL
 *   that does not parse (or has no host) is `invalid_argument`.
 * - The host is resolved (IP literals, bracketed IPv6, and numeric spellings such as
 *   `2130706433` or `0x7f.1` need no lookup) and the URL is refused with `permission_denied` if
 *   ANY address is loopback, private, link-local, unspecified, multicast or reserved, IPv4-mapped
 *   IPv6 forms included: a host with one bad address among good ones could be served either.
 * - `allowLoopback` lets loopback through; `allowPrivate` lets private, link-local and loopback
 *   through. Unspecified, multicast and reserved addresses are always refused.
 * - A host that does not resolve is `input_not_found`; a resolver failure is `remote_failed`.
 *
 * Limitation: ffmpeg resolves the host again when it connects, so a DNS server that answers
 * differently the second time (DNS rebinding) is not caught here. Rewriting the URL to the checked
 * address would break TLS and virtual hosts; a network policy on the server is the complete fix.
 *
 * @returns the parsed URL, to pass on unchanged.
 * @example
 * await checkUrlSource('rtsp://camera.example.com/live', {});        // URL
 * await checkUrlSource('http://169.254.169.254/latest/meta-data', {}); // throws permission_denied
 * await checkUrlSource('http://localhost:8554/cam', { allowLoopback: true }); // URL
 */
export async function checkUrlSource(url: string, options: UrlSourceOptions = {}): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new GroundstreamError('invalid_argument', url, `'${url}' is not a valid URL`, { cause });
  }
  const shown = redacted(parsed);
  const scheme = parsed.protocol.slice(0, -1);
  if (!ALLOWED_SCHEMES.has(parsed.protocol)) {
    throw new GroundstreamError('permission_denied', shown, `${shown}: the ${scheme}: scheme is not allowed; only http, https and rtsp URLs are`);
  }
  // WHATWG URL normalises http(s) hosts (lower case, percent-decoding, numeric IPv4 spellings) but
  // keeps rtsp hosts as written; ffmpeg does not percent-decode hosts, so a '%' there is refused
  // rather than guessed at.
  const host = parsed.hostname;
  if (host === '') throw new GroundstreamError('invalid_argument', shown, `${shown} has no host`);
  if (host.includes('%')) throw new GroundstreamError('invalid_argument', shown, `${shown}: a percent-encoded host is not accepted`);

  const literal = isIpAddress(host) ? host : parseLegacyIPv4(host);
  let addresses: string[];
  if (literal !== undefined) {
    addresses = [literal];
  } else {
    const lookup = options.lookup ?? systemLookup;
    try {
      addresses = await lookup(host);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException | undefined)?.code;
      if (code === 'ENOTFOUND' || code === 'ENODATA') {
        throw new GroundstreamError('input_not_found', shown, `${shown}: host '${host}' does not resolve`, { cause });
      }
      throw new GroundstreamError('remote_failed', shown, `${shown}: could not resolve host '${host}' (${code ?? 'lookup failed'})`, { cause });
    }
    if (addresses.length === 0) throw new GroundstreamError('input_not_found', shown, `${shown}: host '${host}' does not resolve`);
  }

  for (const address of addresses) {
    // An address the resolver made up that cannot be classified is refused: this check fails closed.
    const cls: AddressClass = isIpAddress(address) ? classifyAddress(address) : 'reserved';
    if (!allowed(cls, options)) {
      // The address itself is named only for IP literals: for host names it would tell the
      // client what internal DNS names resolve to.
      const what = literal !== undefined ? `${host} is ${CLASS_WORDS[cls]}` : `host '${host}' resolves to ${CLASS_WORDS[cls]}`;
      throw new GroundstreamError('permission_denied', shown, `${shown} is refused: ${what}${hint(cls)}`);
    }
  }
  return parsed;
}
