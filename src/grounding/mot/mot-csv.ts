import { GroundstreamError } from '../../core/errors';

/**
 * One row of a MOTChallenge track file: a box of one track in one frame. The box is
 * top-left + size in pixels (MOTChallenge's `bb_left, bb_top, bb_width, bb_height`), not xyxy.
 */
export interface MotRow {
  /** 1-based frame number. */
  frame: number;
  /** Track id (ground-truth object id or predicted track id). */
  id: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Confidence for predictions; for ground truth the "consider" flag (1 unless the file says otherwise). */
  score: number;
}

/** Options of {@link parseMotCsv}. */
export interface ParseMotCsvOptions {
  /**
   * The file is ground truth: column 7 is the MOT16+ "consider" flag and rows where it is 0 are
   * dropped (counted in `ignoredRowCount`), as TrackEval and py-motmetrics do. In MOT15 ground
   * truth that column is always 1, so the rule is harmless there.
   */
  groundTruth?: boolean;
}

/** A parsed MOTChallenge file. */
export interface MotTrackFile {
  /** The name the file was parsed under (used in every error message). */
  name: string;
  /** Kept rows grouped by frame, frames in ascending order, rows in file order. */
  frames: Map<number, MotRow[]>;
  /** Rows kept. */
  rowCount: number;
  /** Ground-truth rows dropped because their consider flag (column 7) is 0. */
  ignoredRowCount: number;
  /** Distinct frames among the kept rows. */
  frameCount: number;
  /** Distinct ids among the kept rows. */
  idCount: number;
}

const COLUMN_NAMES = ['frame', 'id', 'bb_left', 'bb_top', 'bb_width', 'bb_height', 'conf', 'x', 'y', 'z'];

/** At most two decimals, and no padding zeros: `40.25`, `20`, `0.91`. */
function formatNumber(value: number, what: string): string {
  if (!Number.isFinite(value)) throw new RangeError(`MOT row ${what} must be a finite number, got ${value}`);
  // Number() drops the zeros toFixed pads with; `+ 0` turns -0 into 0.
  return String(Number(value.toFixed(2)) + 0);
}

/**
 * One MOTChallenge CSV line for a row: `frame,id,x,y,w,h,score,-1,-1,-1` (the world coordinates
 * are unknown, written -1 as the benchmark's own files do).
 *
 * @example
 * toMotCsvLine({ frame: 12, id: 3, x: 10.5, y: 20, w: 30, h: 40.25, score: 0.912 })
 * // → '12,3,10.5,20,30,40.25,0.91,-1,-1,-1'
 */
export function toMotCsvLine(row: MotRow): string {
  if (!Number.isInteger(row.frame) || row.frame < 1) throw new RangeError(`MOT row frame must be an integer >= 1, got ${row.frame}`);
  if (!Number.isInteger(row.id)) throw new RangeError(`MOT row id must be an integer, got ${row.id}`);
  const box = [formatNumber(row.x, 'x'), formatNumber(row.y, 'y'), formatNumber(row.w, 'w'), formatNumber(row.h, 'h')];
  return `${row.frame},${row.id},${box.join(',')},${formatNumber(row.score, 'score')},-1,-1,-1`;
}

/**
 * Parses a MOTChallenge track file (MOT15/16/17/20, ground truth or results): 6 to 10 numeric
 * columns separated by commas or whitespace, `frame, id, bb_left, bb_top, bb_width, bb_height
 * [, conf [, x, y, z | class, visibility]]`. Blank lines and lines starting with `#` are skipped.
 * A missing column 7 reads as score 1.
 *
 * @throws GroundstreamError `invalid_argument` naming the file, the line and what is wrong: a
 * non-numeric field, too few or too many columns, a frame that is not an integer >= 1, an id
 * that is not an integer, a negative width or height, or a (frame, id) pair seen before.
 *
 * @example
 * const gt = parseMotCsv('1,1,10,20,30,40,1,1,1\n1,2,50,20,30,40,0,7,1\n', 'gt.txt', { groundTruth: true });
 * gt.rowCount        // → 1 (id 2 is marked "do not consider")
 * gt.ignoredRowCount // → 1
 * gt.frames.get(1)   // → [{ frame: 1, id: 1, x: 10, y: 20, w: 30, h: 40, score: 1 }]
 */
export function parseMotCsv(text: string, name: string, options: ParseMotCsvOptions = {}): MotTrackFile {
  const byFrame = new Map<number, MotRow[]>();
  const firstLineOf = new Map<string, number>(); // "frame,id" → line, to name both lines of a duplicate
  const ids = new Set<number>();
  let rowCount = 0;
  let ignoredRowCount = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const fail = (what: string): never => {
      throw new GroundstreamError('invalid_argument', name, `${name} line ${lineNo}: ${what}`);
    };
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    // A trailing separator (some exporters write one) is not an empty seventh column.
    const fields = line.replace(/,\s*$/, '').split(/\s*,\s*|\s+/);
    if (fields.length < 6) fail(`${fields.length} column${fields.length === 1 ? '' : 's'}, a MOTChallenge row needs at least 6 (frame, id, bb_left, bb_top, bb_width, bb_height)`);
    if (fields.length > 10) fail(`${fields.length} columns, a MOTChallenge row has at most 10`);
    const values = fields.map((field, c) => {
      const v = Number(field);
      if (field === '' || !Number.isFinite(v)) fail(`column ${c + 1} (${COLUMN_NAMES[c]}) is not a number: '${field}'`);
      return v;
    });
    const [frame, id, x, y, w, h] = values;
    if (!Number.isInteger(frame) || frame < 1) fail(`frame must be an integer >= 1 (MOTChallenge frames are 1-based), got ${fields[0]}`);
    if (!Number.isInteger(id)) fail(`id must be an integer, got ${fields[1]}`);
    if (w < 0 || h < 0) fail(`negative box size ${fields[4]} x ${fields[5]}`);
    const key = `${frame},${id}`;
    const seen = firstLineOf.get(key);
    if (seen !== undefined) fail(`frame ${frame} has id ${id} twice (first on line ${seen})`);
    firstLineOf.set(key, lineNo);
    const score = values.length > 6 ? values[6] : 1;
    if (options.groundTruth && score === 0) {
      ignoredRowCount++;
      continue;
    }
    const row: MotRow = { frame, id, x, y, w, h, score };
    const rows = byFrame.get(frame);
    if (rows) rows.push(row);
    else byFrame.set(frame, [row]);
    ids.add(id);
    rowCount++;
  }
  // Files are usually sorted by frame, but not always (some trackers write track by track).
  const frames = new Map([...byFrame.entries()].sort((a, b) => a[0] - b[0]));
  return { name, frames, rowCount, ignoredRowCount, frameCount: frames.size, idCount: ids.size };
}
