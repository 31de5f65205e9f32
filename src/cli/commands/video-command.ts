import { Command } from 'commander';
import { createEngine } from '../../engine/create-engine';
import { toEngineOptions, withEngineOptions } from '../engine-options';
import { nonNegative, positiveInt } from '../parse-number';
import { formatSummary, runVideo } from '../run-video';

/** `groundstream video <file|url> --query "person" [--fps N] [--out events.jsonl]` */
export function videoCommand(): Command {
  const cmd = new Command('video')
    .description('ground a query in a video file or stream; writes JSON Lines events')
    .argument('<input>', 'video file, image, or URL (http, https, rtsp, hls)')
    .option('-q, --query <text>', 'what to find, e.g. "people and cars" (default: every label)', '')
    .option('--fps <n>', 'frames per second of media time to sample (default: every frame)', nonNegative('--fps'))
    .option('--start <sec>', 'start at this media time', nonNegative('--start'))
    .option('--end <sec>', 'stop at this media time', nonNegative('--end'))
    .option('--score <t>', 'minimum detection score (default: the model\'s)', nonNegative('--score'))
    .option('-m, --model <id>', 'detector from `groundstream models list`', '')
    .option('--stream-id <id>', 'stream id stamped on events (default: the file name)')
    .option('--tile <px>', 'run the detector on overlapping tiles of this side on full-resolution frames (small, distant objects)', positiveInt('--tile'))
    .option('--overlap <px>', 'overlap between tiles in pixels (default: a quarter of --tile)', (v) => Math.floor(nonNegative('--overlap')(v)))
    .option('-o, --out <file>', 'JSON Lines output (default: standard output)');
  return withEngineOptions(cmd).action(async (input: string, opts) => {
    const engine = createEngine(toEngineOptions(opts));
    try {
      const result = await runVideo(engine, {
        source: input, query: opts.query, fps: opts.fps, startSec: opts.start, endSec: opts.end,
        scoreThreshold: opts.score, model: opts.model, streamId: opts.streamId, tileSizePx: opts.tile, overlapPx: opts.overlap,
      }, opts.out, (line) => process.stderr.write(`${line}\n`));
      if (result.summary) process.stderr.write(`${formatSummary(result.summary)}\n`);
      if (opts.out) process.stderr.write(`events written to ${opts.out}\n`);
      if (result.error) throw result.error;
    } finally {
      await engine.close();
    }
  });
}
