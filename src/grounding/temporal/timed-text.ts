/** A caption shown from `startSec` to `endSec` (media time). */
export interface TimedCue {
  startSec: number;
  endSec: number;
  /** Plain text; may hold several lines. Markup is escaped, not interpreted. */
  text: string;
  /** Optional cue identifier (WebVTT only; SRT numbers its cues). */
  id?: string;
}

/** A cue of a WebVTT `kind=metadata` track: its payload is written as one line of JSON. */
export interface MetadataCue {
  startSec: number;
  endSec: number;
  /** Any JSON-serialisable object, e.g. a segment event. */
  payload: object;
  id?: string;
}

/** Options of {@link toWebVtt} and {@link toWebVttMetadata}. */
export interface WebVttOptions {
  /** Text after `WEBVTT` on the first line (e.g. a title); one line, without `-->`. */
  header?: string;
}

/**
 * Duration given to a cue whose end is not after its start (after rounding to milliseconds): 0.1 s,
 * long enough for a player to show it, short enough not to outlast a frame at 10 fps.
 */
export const MIN_CUE_DURATION_SEC = 0.1;

/**
 * A WebVTT file of text cues: `WEBVTT` header, a blank line, then per cue an optional identifier
 * line, `00:00:03.200 --> 00:00:07.900`, and its text. Lines end with LF.
 *
 * - Text: `&`, `<` and `>` become `&amp;`, `&lt;`, `&gt;` (so no markup is interpreted and `-->`
 *   cannot appear); blank lines inside a text are dropped, since a blank line ends a cue. A cue whose
 *   text is then empty is left out: it would show nothing.
 * - Identifiers: line breaks become spaces and `-->` becomes `->`, the two things an identifier may
 *   not hold.
 * - Cues are sorted by start, then end (stable otherwise); times before 0 are clamped to 0; a cue
 *   whose end is not after its start lasts {@link MIN_CUE_DURATION_SEC}.
 *
 * @example
 * toWebVtt([{ startSec: 3.2, endSec: 7.9, text: 'person 4 enters' }])
 * // 'WEBVTT\n\n00:00:03.200 --> 00:00:07.900\nperson 4 enters\n'
 */
export function toWebVtt(cues: readonly TimedCue[], options: WebVttOptions = {}): string {
  const blocks = [webVttHeader(options.header)];
  for (const cue of orderCues(cues)) {
    const lines = textLines(cue.text).map(escapeWebVttText);
    if (lines.length === 0) continue;
    blocks.push(webVttCue(cue, lines));
  }
  return `${blocks.join('\n\n')}\n`;
}

/**
 * A WebVTT file for a `<track kind="metadata">` (the kind is set by the page, not in the file): each
 * cue's payload is `JSON.stringify(payload)` on one line, with `-->` inside JSON strings written
 * `--\u003e` (same value once parsed; U+2028 and U+2029 are escaped too). JSON never holds `-->`
 * outside a string, and `JSON.stringify` escapes line breaks, so the payload is always a single valid
 * cue line. Ordering, identifiers and times as in {@link toWebVtt}.
 *
 * @example
 * toWebVttMetadata([{ startSec: 0, endSec: 1, payload: { segmentId: 'track:4#1' } }])
 * // 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n{"segmentId":"track:4#1"}\n'
 */
export function toWebVttMetadata(cues: readonly MetadataCue[], options: WebVttOptions = {}): string {
  const blocks = [webVttHeader(options.header)];
  for (const cue of orderCues(cues)) {
    const json = JSON.stringify(cue.payload);
    if (json === undefined) throw new RangeError('metadata cue payload is not JSON-serialisable');
    blocks.push(webVttCue(cue, [oneSafeLine(json)]));
  }
  return `${blocks.join('\n\n')}\n`;
}

/**
 * A SubRip (SRT) file: cues numbered from 1, `00:00:03,200 --> 00:00:07,900`, the text, a blank line
 * between cues. Lines end with LF (what most tools write today; players accept LF and CRLF alike).
 * SRT has no escaping: text is kept as is except that blank lines are dropped (they end a cue) and
 * `-->` becomes `->` (a reader would take the line for a timing line). Empty cues are left out;
 * ordering and times as in {@link toWebVtt}.
 *
 * @example
 * toSrt([{ startSec: 3.2, endSec: 7.9, text: 'person 4 enters' }])
 * // '1\n00:00:03,200 --> 00:00:07,900\nperson 4 enters\n'
 */
export function toSrt(cues: readonly TimedCue[]): string {
  const blocks: string[] = [];
  for (const cue of orderCues(cues)) {
    const lines = textLines(cue.text).map(withoutArrow);
    if (lines.length === 0) continue;
    blocks.push([String(blocks.length + 1), `${clock(cue.startMs, ',')} --> ${clock(cue.endMs, ',')}`, ...lines].join('\n'));
  }
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}

/**
 * A WebVTT timestamp `hh:mm:ss.mmm` (hours at least two digits), rounded to the millisecond; never
 * `60` seconds. Times before 0 read as 0.
 *
 * @example
 * formatWebVttTime(59.9996) // '00:01:00.000'
 */
export function formatWebVttTime(sec: number): string {
  return clock(toMs(sec), '.');
}

/**
 * An SRT timestamp `hh:mm:ss,mmm`, rounded as {@link formatWebVttTime}.
 *
 * @example
 * formatSrtTime(3.2) // '00:00:03,200'
 */
export function formatSrtTime(sec: number): string {
  return clock(toMs(sec), ',');
}

type AnyCue = { startSec: number; endSec: number; id?: string };

/** Cues in milliseconds (so that sorting and the minimal duration see what gets written), sorted. */
function orderCues<T extends AnyCue>(cues: readonly T[]): (T & { startMs: number; endMs: number })[] {
  const timed = cues.map((cue) => {
    const startMs = toMs(cue.startSec);
    let endMs = toMs(cue.endSec);
    if (endMs <= startMs) endMs = startMs + Math.round(MIN_CUE_DURATION_SEC * 1000);
    return { ...cue, startMs, endMs };
  });
  // Array.prototype.sort is stable: cues with equal times keep their input order.
  return timed.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

function toMs(sec: number): number {
  if (!Number.isFinite(sec)) throw new RangeError(`cue time must be finite, got ${sec}`);
  // Integer milliseconds from here on: the clock fields are derived by integer arithmetic, so a
  // time like 59.9996 s becomes 60000 ms → 00:01:00.000, never 00:00:60.000.
  return Math.max(0, Math.round(sec * 1000));
}

function clock(ms: number, decimalMark: '.' | ','): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${decimalMark}${pad(ms % 1000, 3)}`;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function webVttHeader(header: string | undefined): string {
  if (header === undefined || header === '') return 'WEBVTT';
  if (/[\r\n]/.test(header) || header.includes('-->')) throw new RangeError('WebVTT header must be one line without "-->"');
  return `WEBVTT ${header}`;
}

function webVttCue(cue: AnyCue & { startMs: number; endMs: number }, payload: string[]): string {
  const lines: string[] = [];
  const id = cue.id === undefined ? '' : withoutArrow(cue.id.replace(/[\r\n]+/g, ' '));
  if (id !== '') lines.push(id);
  lines.push(`${clock(cue.startMs, '.')} --> ${clock(cue.endMs, '.')}`, ...payload);
  return lines.join('\n');
}

/** The text's lines (CRLF, CR or LF), without blank or whitespace-only ones. */
function textLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
}

// Inside JSON strings only (JSON has no `-->` or U+2028/9 elsewhere), so the escapes parse back to the
// same value. U+2028/9 are not WebVTT line breaks, but line-based readers written in JavaScript split on them.
function oneSafeLine(json: string): string {
  return json.replaceAll('-->', '--\\u003e').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

function escapeWebVttText(line: string): string {
  return line.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function withoutArrow(text: string): string {
  // Replacing once can make a new arrow ('--->' → '-->'); each pass shortens the text, so this ends.
  let out = text;
  while (out.includes('-->')) out = out.replaceAll('-->', '->');
  return out;
}
