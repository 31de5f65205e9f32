import type { PixelLayout } from '../../core/frame';
import type { OutputGeometry } from './output-geometry';

/** Instance name of the showinfo filter that sees every decoded frame (before selection). */
export const SHOWINFO_ALL = 'showinfo@gs_all';
/** Instance name of the showinfo filter that sees every delivered frame, in output order. */
export const SHOWINFO_OUT = 'showinfo@gs_out';

/** Everything the ffmpeg command line of one decode depends on. */
export interface DecodePlan {
  /** The input as ffmpeg gets it (absolute path or URL). */
  inputArg: string;
  streamIndex: number;
  /** Container start time: frame times are measured from it. */
  originSec: number;
  /** Media time to start at; 0 = from the start. */
  startSec: number;
  /** How far before startSec to seek, for demuxers that may land after the seek point. */
  prerollSec: number;
  /** Media time to stop before. */
  endSec?: number;
  /** Keep the first source frame of every 1/sampleFps interval of media time. */
  sampleFps?: number;
  geometry: OutputGeometry;
  layout: PixelLayout;
  /** Padding byte of a letterbox, in every channel. */
  padValue: number;
  /** Use `-fps_mode` (ffmpeg >= 5.1) instead of `-vsync`. */
  hasFpsMode: boolean;
  /** Read the input at its own frame rate (`-re`), as a camera delivers it. */
  realtime?: boolean;
  /** Input options placed just before `-i`: network timeouts, RTSP transport, a forced format. */
  inputOptions?: readonly string[];
}

/** Slack in time comparisons, far below any frame interval. */
const EPS_SEC = 1e-6;
/** Extra input read past `endSec`, so that ffmpeg's own stop never cuts a frame we select. */
const END_MARGIN_SEC = 0.5;

/** Demuxers whose seek lands on a keyframe at or before the target (they have an index). */
const INDEXED_FORMATS = /^(mov,|matroska|avi$|asf$|flv$|mxf$)/;
/** Seek pre-roll for the others (MPEG-TS/PS, raw streams, HLS...): more than a usual GOP. */
const UNINDEXED_PREROLL_SEC = 5;

/**
 * How far before the start to seek. MPEG-TS seeks by bisecting on timestamps and may land after
 * the keyframe the target needs, so frames just after the target would never be decoded; seeking
 * earlier and selecting from startSec keeps the window exact.
 */
export function seekPrerollSec(formatName: string): number {
  return INDEXED_FORMATS.test(formatName) ? 0 : UNINDEXED_PREROLL_SEC;
}

/** Where ffmpeg's input seek goes (0 = no seek). */
export function seekSec(plan: Pick<DecodePlan, 'startSec' | 'prerollSec'>): number {
  return Math.max(0, plan.startSec - plan.prerollSec);
}

/** A number as plain decimal text (no exponent), as ffmpeg options and expressions want it. */
export function formatNumber(x: number): string {
  const text = x.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

/**
 * The `select` expression for a time window and sampling, or undefined when every frame is kept.
 * With `-copyts`, `t` is the stream time, so media time is `t - originSec`. Sampling keeps the
 * first frame of each 1/fps bucket of media time: real frames with their own timestamps, where
 * the fps filter would invent frames and times.
 */
export function selectExpression(plan: Pick<DecodePlan, 'originSec' | 'startSec' | 'endSec' | 'sampleFps'>): string | undefined {
  const o = plan.originSec;
  const terms: string[] = [];
  if (plan.startSec > 0) terms.push(`gte(t,${formatNumber(plan.startSec + o - EPS_SEC)})`);
  if (plan.endSec !== undefined) terms.push(`lt(t,${formatNumber(plan.endSec + o - EPS_SEC)})`);
  if (plan.sampleFps !== undefined) {
    const bucket = (v: string): string => `floor((${v}-(${formatNumber(o)}))*${formatNumber(plan.sampleFps ?? 0)}+${EPS_SEC.toFixed(6)})`;
    terms.push(`gt(isnan(prev_selected_t)+gt(${bucket('t')},${bucket('prev_selected_t')}),0)`);
  }
  return terms.length > 0 ? terms.join('*') : undefined;
}

/**
 * The -vf chain: [showinfo (all), select,] showinfo (out), scale, pixel format[, pad]. showinfo
 * sits before scaling so that its `s:WxH` is the source frame size; padding comes after the
 * conversion to RGB so that the pad value lands exactly in every channel.
 */
export function filterChain(plan: DecodePlan): string {
  const g = plan.geometry;
  const parts: string[] = [];
  const select = selectExpression(plan);
  if (select !== undefined) parts.push(SHOWINFO_ALL, `select='${select}'`);
  parts.push(SHOWINFO_OUT, `scale=${g.scaledWidth}:${g.scaledHeight}:flags=bilinear`, `format=${plan.layout}`);
  if (g.scaledWidth !== g.width || g.scaledHeight !== g.height) {
    const hex = plan.padValue.toString(16).padStart(2, '0');
    parts.push(`pad=${g.width}:${g.height}:0:0:color=0x${hex}${hex}${hex}`);
  }
  return parts.join(',');
}

/**
 * The ffmpeg arguments of a decode: raw frames on stdout, showinfo lines on stderr. `-copyts`
 * keeps the stream's own timestamps (so seeking does not rebase them); passthrough frame timing
 * keeps ffmpeg from duplicating or dropping frames to make a constant rate.
 */
export function decodeArgs(plan: DecodePlan): string[] {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-copyts'];
  const seek = seekSec(plan);
  if (seek > 0) args.push('-ss', formatNumber(seek));
  if (plan.endSec !== undefined) args.push('-t', formatNumber(plan.endSec - seek + END_MARGIN_SEC));
  if (plan.realtime) args.push('-re');
  if (plan.inputOptions) args.push(...plan.inputOptions);
  args.push('-i', plan.inputArg, '-map', `0:${plan.streamIndex}`, '-vf', filterChain(plan));
  args.push(...(plan.hasFpsMode ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']));
  args.push('-f', 'rawvideo', '-pix_fmt', plan.layout, 'pipe:1');
  return args;
}
