import { formatNumber } from './decode-args';
import { isUrlInput } from './video-input';

/** Protocols that only ever deliver a stream at its own pace: cameras, encoders, relays. */
const STREAMING_SCHEMES = new Set(['rtsp', 'rtsps', 'rtmp', 'rtmps', 'rtmpt', 'rtmpe', 'rtp', 'udp', 'srt', 'tcp', 'mms', 'mmsh']);
/** ffmpeg input formats that, over HTTP, mean a stream rather than a file: HLS, MPEG-TS, FLV. */
const LIVE_HTTP_FORMATS = new Set(['hls', 'applehttp', 'mpegts', 'flv']);

/** The lower-case scheme of a URL input (`rtsp`, `https`...); undefined for a local path. */
export function inputScheme(input: string): string | undefined {
  if (!isUrlInput(input)) return undefined;
  return input.slice(0, input.indexOf(':')).toLowerCase();
}

/** True for an input read over the network: a URL other than `file:`. */
export function isNetworkInput(input: string): boolean {
  const scheme = inputScheme(input);
  return scheme !== undefined && scheme !== 'file';
}

/** The path of an http(s) URL without query and fragment, lower case; undefined when it does not parse. */
function urlPath(input: string): string | undefined {
  try {
    return new URL(input).pathname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** What a caller knows about an input besides its name. */
export interface LiveInputHints {
  /** The ffmpeg input format it will be read with (`-f`), e.g. `hls`, `mpegts`. */
  format?: string;
  /** It is to be played at its own rate, as a camera delivers it. */
  realtime?: boolean;
}

/**
 * True when an input should be read as a live source (`createLiveVideoSource`): newest frames
 * kept, reconnects on failure. The rule:
 * - rtsp(s), rtmp(s/t/e), rtp, udp, srt, tcp and mms(h) URLs: always live;
 * - http(s) URLs whose path ends in `.m3u8` (HLS), or read with the format hint `hls`, `mpegts` or
 *   `flv` (an endless transport or FLV stream): live;
 * - any input with `realtime: true` (a file or a progressive download played at its own rate): live;
 * - anything else (local files, `file:` URLs, progressive MP4/TS over http(s)): not live.
 * Whether an HLS playlist is a live one or a finished (VOD, `#EXT-X-ENDLIST`) one is not known from
 * its name; the live source finds out when it probes it (a VOD playlist has a duration).
 *
 * @example isLiveInput('rtsp://cam.local/stream1') // true
 * @example isLiveInput('https://cdn.example/clip.mp4') // false
 * @example isLiveInput('https://cdn.example/clip.mp4', { realtime: true }) // true
 */
export function isLiveInput(input: string, hints: LiveInputHints = {}): boolean {
  if (hints.realtime) return true;
  const scheme = inputScheme(input);
  if (scheme === undefined || scheme === 'file') return false;
  if (STREAMING_SCHEMES.has(scheme)) return true;
  if (scheme !== 'http' && scheme !== 'https') return false;
  if (hints.format !== undefined && LIVE_HTTP_FORMATS.has(hints.format.toLowerCase())) return true;
  return urlPath(input)?.endsWith('.m3u8') ?? false;
}

/** How ffmpeg or ffprobe is to open a network input. */
export interface NetworkInputSettings {
  /** A read or connect that waits longer than this fails, in seconds. */
  ioTimeoutSec: number;
  /** RTSP's media transport: TCP (interleaved, no loss, passes NAT) or UDP. */
  rtspTransport: 'tcp' | 'udp';
  /** The RTSP socket timeout option of this binary's version (see FfmpegFeatures). */
  rtspTimeoutOption: '-timeout' | '-stimeout';
  /** Forced input format (`-f`). */
  format?: string;
}

/**
 * Input options (before `-i`) that keep ffmpeg/ffprobe from waiting forever on a network input:
 * RTSP gets its transport and socket timeout, every other network protocol `-rw_timeout` (both in
 * microseconds). A local input gets only the forced format, if any.
 */
export function networkInputOptions(input: string, s: NetworkInputSettings): string[] {
  const args = s.format !== undefined ? ['-f', s.format] : [];
  const scheme = inputScheme(input);
  if (scheme === undefined || scheme === 'file') return args;
  const micros = formatNumber(Math.round(s.ioTimeoutSec * 1e6));
  if (scheme === 'rtsp' || scheme === 'rtsps') return [...args, '-rtsp_transport', s.rtspTransport, s.rtspTimeoutOption, micros];
  return [...args, '-rw_timeout', micros];
}
