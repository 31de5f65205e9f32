import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { GroundstreamError } from '../../core/errors';
import { evaluateMot, formatMotMetrics, parseMotCsv, type MotMetrics, type MotTrackFile } from '../../grounding/mot';

/** What a track file held, in the JSON report. */
export interface MotFileSummary {
  file: string;
  rows: number;
  /** Ground-truth rows dropped for their consider flag (column 7) being 0. */
  ignoredRows: number;
  frames: number;
  ids: number;
}

/** The JSON `groundstream eval mot --json` prints. */
export interface EvalMotReport {
  gt: MotFileSummary;
  pred: MotFileSummary;
  metrics: MotMetrics;
}

const summary = (f: MotTrackFile): MotFileSummary => ({ file: f.name, rows: f.rowCount, ignoredRows: f.ignoredRowCount, frames: f.frameCount, ids: f.idCount });

/** Reads a track file, turning the usual failures into errors that name it. */
async function readTrackFile(file: string, groundTruth: boolean): Promise<MotTrackFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GroundstreamError('input_not_found', file, `${file}: no such file`, { cause: e });
    if (code === 'EACCES' || code === 'EPERM') throw new GroundstreamError('permission_denied', file, `${file}: permission denied`, { cause: e });
    if (code === 'EISDIR') throw new GroundstreamError('invalid_argument', file, `${file} is a directory, not a MOTChallenge track file`, { cause: e });
    throw e;
  }
  return parseMotCsv(text, file, { groundTruth });
}

function iouThreshold(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0 && n <= 1)) throw new InvalidArgumentError(`--iou must be a number in (0, 1], got "${value}"`);
  return n;
}

/** `groundstream eval mot --gt <file> --pred <file> [--iou 0.5] [--json]` */
function evalMotCommand(): Command {
  return new Command('mot')
    .description('CLEAR-MOT and identity metrics (MOTA, MOTP, IDF1, …) of MOTChallenge tracks against ground truth, as py-motmetrics computes them')
    .requiredOption('--gt <file>', 'ground truth, MOTChallenge CSV (rows whose column 7 is 0 are ignored)')
    .requiredOption('--pred <file>', 'predicted tracks, MOTChallenge CSV (what `groundstream video --mot` writes)')
    .option('--iou <threshold>', 'IoU a predicted box needs with a ground-truth box to match it', iouThreshold, 0.5)
    .option('--json', 'print JSON with every count and metric')
    .action(async (opts: { gt: string; pred: string; iou: number; json?: boolean }) => {
      const [gt, pred] = await Promise.all([readTrackFile(opts.gt, true), readTrackFile(opts.pred, false)]);
      const metrics = evaluateMot(gt.frames, pred.frames, { iouThreshold: opts.iou });
      if (opts.json) {
        const report: EvalMotReport = { gt: summary(gt), pred: summary(pred), metrics };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      process.stdout.write(formatMotMetrics(metrics, { name: path.basename(opts.pred) }));
      if (gt.ignoredRowCount) process.stdout.write(`${gt.ignoredRowCount} ground-truth rows ignored (consider flag 0)\n`);
    });
}

/** `groundstream eval …`: scores results against ground truth. */
export function evalCommand(): Command {
  return new Command('eval').description('score results against ground truth').addCommand(evalMotCommand());
}
