import { parseRational, type Rational } from './video-info';

/** A frame line of ffmpeg's `showinfo` filter. */
export interface ShowinfoFrame {
  kind: 'frame';
  /** Filter instance name, e.g. `showinfo@gs_out`. */
  tag: string;
  /** Raw timestamp in the filter's time base; null for NOPTS. */
  pts: number | null;
  /** `pts_time` as printed (six significant digits); null for NOPTS. */
  ptsTime: number | null;
  /** Frame size (`s:WxH`), when printed. */
  width?: number;
  height?: number;
}

/** The `config in time_base: a/b` line showinfo prints when its input is configured (ffmpeg >= 4.1). */
export interface ShowinfoTimeBase {
  kind: 'timebase';
  tag: string;
  timeBase: Rational;
}

export type ShowinfoEvent = ShowinfoFrame | ShowinfoTimeBase;

const PREFIX = /^\[([^\]\s]+) @ (?:0x)?[0-9a-f]+\]\s*(.*)$/i;
const FRAME = /^n:\s*\d+\s+pts:\s*(-?\d+|NOPTS)\s+pts_time:\s*(\S+)/;
const TIME_BASE = /^config in time_base:\s*(\d+\/\d+)/;
const SIZE = /\bs:(\d+)x(\d+)\b/;

/** Parses one stderr line of a showinfo filter; undefined for any other line. */
export function parseShowinfoLine(line: string): ShowinfoEvent | undefined {
  const prefixed = PREFIX.exec(line);
  if (!prefixed) return undefined;
  const [, tag, body] = prefixed;
  const frame = FRAME.exec(body);
  if (frame) {
    const pts = frame[1] === 'NOPTS' ? null : Number(frame[1]);
    const ptsTime = frame[2] === 'NOPTS' ? null : Number(frame[2]);
    const out: ShowinfoFrame = {
      kind: 'frame',
      tag,
      pts: pts !== null && Number.isFinite(pts) ? pts : null,
      ptsTime: ptsTime !== null && Number.isFinite(ptsTime) ? ptsTime : null,
    };
    const size = SIZE.exec(body);
    if (size) {
      out.width = Number(size[1]);
      out.height = Number(size[2]);
    }
    return out;
  }
  const tb = TIME_BASE.exec(body);
  if (tb) {
    const timeBase = parseRational(tb[1]);
    if (timeBase) return { kind: 'timebase', tag, timeBase };
  }
  return undefined;
}

/**
 * A frame's time in seconds. `pts * timeBase` is exact, but only when the time base is the one the
 * filter used; `pts_time` always is, to six significant digits (0.1 s at 10000 s). So take the exact
 * value when it agrees with `pts_time` to that precision, else `pts_time`.
 */
export function showinfoSeconds(frame: Pick<ShowinfoFrame, 'pts' | 'ptsTime'>, timeBase: Rational | null): number | null {
  if (frame.pts !== null && timeBase) {
    const exact = (frame.pts * timeBase.num) / timeBase.den;
    if (frame.ptsTime === null) return exact;
    if (Math.abs(exact - frame.ptsTime) <= Math.max(1e-6, Math.abs(frame.ptsTime) * 1e-5)) return exact;
  }
  return frame.ptsTime;
}
