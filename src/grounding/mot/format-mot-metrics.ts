import type { MotMetrics } from './evaluate-mot';

/** Options of {@link formatMotMetrics}. */
export interface FormatMotMetricsOptions {
  /** Label of the table's row, e.g. the prediction file's name (default `all`). */
  name?: string;
}

const percent = (v: number): string => `${(v * 100).toFixed(1)}%`;

/**
 * A readable table of MOT metrics with py-motmetrics' MOTChallenge column names (IDF1 IDP IDR
 * Rcll Prcn GT MT PT ML FP FN IDs FM MOTA MOTP; GT counts ground-truth ids, MOTP is the mean
 * 1 − IoU as py-motmetrics prints it), then a line with the counts behind them.
 *
 * @example
 * formatMotMetrics(evaluateMot(gt.frames, pred.frames), { name: 'pred.txt' })
 * // →          IDF1   IDP   IDR   Rcll   Prcn GT MT PT ML FP FN IDs FM  MOTA  MOTP
 * //   pred.txt 50.0% 50.0% 50.0% 100.0% 100.0%  1  1  0  0  0  0   1  0 75.0% 0.000
 * //   IDTP 2  IDFP 2  IDFN 2  matches 4  ground-truth boxes 4  predicted boxes 4 in 2 tracks  frames 4
 * //   IoU threshold 0.5; MOTP is the mean 1 − IoU of the matches (py-motmetrics), mean IoU 1.000 (TrackEval's MOTP)
 */
export function formatMotMetrics(m: MotMetrics, options: FormatMotMetricsOptions = {}): string {
  const columns: [string, string][] = [
    ['IDF1', percent(m.idf1)],
    ['IDP', percent(m.idp)],
    ['IDR', percent(m.idr)],
    ['Rcll', percent(m.recall)],
    ['Prcn', percent(m.precision)],
    ['GT', String(m.numGtIds)],
    ['MT', String(m.mostlyTracked)],
    ['PT', String(m.partiallyTracked)],
    ['ML', String(m.mostlyLost)],
    ['FP', String(m.fp)],
    ['FN', String(m.fn)],
    ['IDs', String(m.idSwitches)],
    ['FM', String(m.fragmentations)],
    ['MOTA', percent(m.mota)],
    ['MOTP', m.motpDistance === null ? '-' : m.motpDistance.toFixed(3)],
  ];
  const name = options.name ?? 'all';
  const widths = columns.map(([h, v]) => Math.max(h.length, v.length));
  const header = [''.padEnd(name.length), ...columns.map(([h], i) => h.padStart(widths[i]))].join(' ');
  const values = [name, ...columns.map(([, v], i) => v.padStart(widths[i]))].join(' ');
  const notes = [
    `IDTP ${m.idtp}  IDFP ${m.idfp}  IDFN ${m.idfn}  matches ${m.tp}  ground-truth boxes ${m.numGt}  predicted boxes ${m.numPred} in ${m.numPredIds} tracks  frames ${m.numFrames}`,
    `IoU threshold ${m.iouThreshold}; MOTP is the mean 1 − IoU of the matches (py-motmetrics)${m.motpIou === null ? '' : `, mean IoU ${m.motpIou.toFixed(3)} (TrackEval's MOTP)`}`,
  ];
  return `${header}\n${values}\n${notes.join('\n')}\n`;
}
