import { Command } from 'commander';
import { createEngine } from '../../engine/create-engine';
import { findDemoVideo } from '../demo-video';
import { toEngineOptions, withEngineOptions } from '../engine-options';
import { formatSummary, runVideo } from '../run-video';

/** `groundstream demo`: grounds "person" on the sample surveillance video and writes events.jsonl. */
export function demoCommand(): Command {
  const cmd = new Command('demo')
    .description('ground "person" in the sample video (vtest.avi from GROUNDSTREAM_DATA_PATH, else a downloaded CC-BY clip)')
    .option('-o, --out <file>', 'JSON Lines output', 'events.jsonl');
  return withEngineOptions(cmd).action(async (opts) => {
    const video = await findDemoVideo();
    process.stderr.write(`demo: ${video.path} (${video.origin}), query "${video.query}"\n`);
    const engine = createEngine(toEngineOptions(opts));
    try {
      const result = await runVideo(engine, { source: video.path, query: video.query }, opts.out, (line) => process.stderr.write(`${line}\n`));
      if (result.error) throw result.error;
      if (result.summary) process.stdout.write(`${formatSummary(result.summary)}\nevents written to ${opts.out}\n`);
    } finally {
      await engine.close();
    }
  });
}
