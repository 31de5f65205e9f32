import { isIPv4, isIPv6 } from 'node:net';
import { GroundstreamError } from '../../core/errors';

/**
 * What kind of network an address belongs to, for deciding whether the server may connect to it
 * on a client's behalf.
 *
 * - `public`: globally routable unicast.
 * - `loopback`: 127.0.0.0/8, ::1.
 * - `private`: 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7 (unique local),
 *   fec0::/10 (deprecated site-local).
 * - `link-local`: 169.254/16 (where cloud metadata services live), fe80::/10.
 * - `unspecified`: 0.0.0.0/8, ::. Connecting to 0.0.0.0 reaches the local host on Linux.
 * - `multicast`: 224/4, ff00::/8.
 * - `reserved`: everything else no one should be fetching video from: 240/4 including the
 *   255.255.255.255 broadcast address, documentation and benchmarking ranges, IETF protocol
 *   assignments, the discard prefix, and IPv6 outside 2000::/3.
 */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'reserved';

interface V4Range {
  readonly base: number;
  readonly bits: number;
  readonly cls: AddressClass;
}

const v4 = (dotted: string, bits: number, cls: AddressClass): V4Range => ({ base: ipv4ToNumber(dotted), bits, cls });

/** Checked in order; the first match wins, so the narrower ranges inside 192.0.0.0/8 etc. need no care. */
const V4_RANGES: readonly V4Range[] = [
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'private'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'), // IETF protocol assignments
  v4('192.0.2.0', 24, 'reserved'), // TEST-NET-1
  v4('192.88.99.0', 24, 'reserved'), // deprecated 6to4 relay anycast
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'), // benchmarking
  v4('198.51.100.0', 24, 'reserved'), // TEST-NET-2
  v4('203.0.113.0', 24, 'reserved'), // TEST-NET-3
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'), // future use, and 255.255.255.255 broadcast
];

function ipv4ToNumber(dotted: string): number {
  const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function classifyV4Number(n: number): AddressClass {
  for (const r of V4_RANGES) {
    // >>> 0 keeps the bit arithmetic unsigned (JS bit operators work on signed 32-bit integers)
    const mask = (0xffffffff << (32 - r.bits)) >>> 0;
    if (((n & mask) >>> 0) === r.base) return r.cls;
  }
  return 'public';
}

/** Eight 16-bit groups of a valid IPv6 address (zone id and brackets already removed). */
function ipv6Groups(text: string): number[] {
  let s = text;
  // A dotted IPv4 tail ("::ffff:1.2.3.4") is rewritten as the two groups it stands for.
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    const n = ipv4ToNumber(tail);
    s = `${s.slice(0, lastColon + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const gap = s.indexOf('::');
  if (gap < 0) return parse(s);
  const head = parse(s.slice(0, gap));
  const rest = parse(s.slice(gap + 2));
  return [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
}

function classifyV6(g: readonly number[]): AddressClass {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const embeddedV4 = ((g6 << 16) | g7) >>> 0;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (firstFiveZero && g5 === 0) {
    if (g6 === 0 && g7 === 0) return 'unspecified';
    if (g6 === 0 && g7 === 1) return 'loopback';
    // ::a.b.c.d, the deprecated IPv4-compatible form: some stacks still route it to the IPv4 address.
    return classifyV4Number(embeddedV4);
  }
  // ::ffff:a.b.c.d (IPv4-mapped): sockets connect to the IPv4 address itself.
  if (firstFiveZero && g5 === 0xffff) return classifyV4Number(embeddedV4);
  // ::ffff:0:a.b.c.d (SIIT translated) and 64:ff9b::/96 (NAT64): a translator forwards to the IPv4
  // address, so it is as reachable as that address is.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) return classifyV4Number(embeddedV4);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyV4Number(embeddedV4);
  // 2002::/16 (6to4) carries an IPv4 address in groups 1-2; a relay delivers to it.
  if (g0 === 0x2002) return classifyV4Number(((g1 << 16) | g2) >>> 0);
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved'; // discard-only 100::/64
  if (g0 === 0x2001 && g1 < 0x0200) return 'reserved'; // IETF protocol assignments 2001::/23 (Teredo, ORCHID, …)
  if (g0 === 0x2001 && g1 === 0x0db8) return 'reserved'; // documentation
  if ((g0 & 0xe000) !== 0x2000) return 'reserved'; // only 2000::/3 is allocated global unicast
  return 'public';
}

/** Removes URL brackets ("[::1]") and an IPv6 zone id ("fe80::1%eth0"), which does not change the class. */
function bareAddress(ip: string): string {
  let s = ip.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0 && s.includes(':')) s = s.slice(0, zone);
  return s;
}

/**
 * Classifies an IP address given as text: dotted IPv4, or IPv6 in any notation (compressed,
 * with an IPv4 tail, in URL brackets, with a zone id). IPv4-mapped, IPv4-compatible, NAT64 and
 * 6to4 IPv6 addresses take the class of the IPv4 address inside them, so that `::ffff:127.0.0.1`
 * is loopback just like `127.0.0.1`. Legacy IPv4 spellings (`0x7f.1`, `2130706433`) are not
 * addresses here; see {@link parseLegacyIPv4}.
 *
 * @throws GroundstreamError `invalid_argument` when the text is not an IP address.
 * @example
 * classifyAddress('172.16.0.1');       // 'private'
 * classifyAddress('::ffff:7f00:1');    // 'loopback'
 * classifyAddress('93.184.216.34');    // 'public'
 */
export function classifyAddress(ip: string): AddressClass {
  const s = bareAddress(ip);
  if (isIPv4(s)) return classifyV4Number(ipv4ToNumber(s));
  if (isIPv6(s)) return classifyV6(ipv6Groups(s.toLowerCase()));
  throw new GroundstreamError('invalid_argument', ip, `'${ip}' is not an IP address`);
}

/** True when the text is an IPv4 or IPv6 address that {@link classifyAddress} accepts. */
export function isIpAddress(text: string): boolean {
  const s = bareAddress(text);
  return isIPv4(s) || isIPv6(s);
}

const LEGACY_PART = /^(0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*)$/i;

/**
 * Reads a host the way inet_aton (and so getaddrinfo, and ffmpeg) reads it: one to four parts,
 * each decimal, octal (leading 0) or hex (leading 0x), the last part filling the remaining bytes;
 * one trailing dot is allowed. WHATWG URL applies the same rules to http(s) hosts, but not to
 * rtsp:// hosts, which stay as written ("rtsp://2130706433/") and would still reach 127.0.0.1.
 *
 * @returns the dotted-quad address, or undefined when the host is not a numeric IPv4 spelling.
 * @example
 * parseLegacyIPv4('0x7f.1');      // '127.0.0.1'
 * parseLegacyIPv4('2130706433');  // '127.0.0.1'
 * parseLegacyIPv4('example.com'); // undefined
 */
export function parseLegacyIPv4(host: string): string | undefined {
  const text = host.endsWith('.') ? host.slice(0, -1) : host;
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4 || !parts.every((p) => LEGACY_PART.test(p))) return undefined;
  const values = parts.map((p) => (/^0x/i.test(p) ? (p.length === 2 ? 0 : parseInt(p.slice(2), 16)) : p.length > 1 && p.startsWith('0') ? parseInt(p, 8) : Number(p)));
  const last = values.pop()!;
  if (values.some((v) => v > 255)) return undefined;
  const lastBytes = 4 - values.length;
  if (!Number.isSafeInteger(last) || last >= 2 ** (8 * lastBytes)) return undefined;
  let n = 0;
  for (const v of values) n = n * 256 + v;
  n = n * 2 ** (8 * lastBytes) + last;
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}
