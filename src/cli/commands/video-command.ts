import { Command, InvalidArgumentError, Option } from 'commander';
import type { RedactKind } from '../../render';
import { CaptionDetail } from '../../core/events';
import { createEngine } from '../../engine/create-engine';
import { toEngineOptions, withEngineOptions } from '../engine-options';
import { nonNegative, positiveInt } from '../parse-number';
import { formatSummary, runVideo } from '../run-video';
import { formatSegments } from '../temporal-outputs';

const CAPTIONS = { short: CaptionDetail.CAPTION_DETAIL_SHORT, medium: CaptionDetail.CAPTION_DETAIL_MEDIUM, long: CaptionDetail.CAPTION_DETAIL_LONG } as const;

function parseRedact(value: string): RedactKind[] {
  const kinds = value.split(',').map((v) => v.trim()).filter(Boolean);
  for (const k of kinds) if (k !== 'faces' && k !== 'persons') throw new InvalidArgumentError(`--redact takes faces, persons or faces,persons, got "${value}"`);
  return kinds as RedactKind[];
}

/** `groundstream video <file|url> --query "person" [--fps N] [--segments] [--mot f] [--vtt f] [--srt f] [--out events.jsonl]` */
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
    .option('--track', 'track objects across frames (ByteTrack): regions get track ids')
    .option('--segments', 'segment events per track and per query phrase; lists the segments found (implies --track)')
    .option('--max-gap <sec>', 'a segment ends once unseen for longer than this media time (default 1)', nonNegative('--max-gap'))
    .option('--min-duration <sec>', 'segments shorter than this are not reported (default 0.5)', nonNegative('--min-duration'))
    .option('--mot <file>', 'write tracks as MOTChallenge CSV (implies --track)')
    .option('--vtt <file>', 'write timed captions as WebVTT, and the segment events as a metadata track next to it (implies --segments)')
    .option('--srt <file>', 'write timed captions as SRT (implies --segments)')
    .addOption(new Option('--captions <detail>', 'a caption per frame composed from its regions, each noun phrase pointing at them').choices(['short', 'medium', 'long']))
    .option('--masks [model]', 'a COCO RLE mask on each region whose class the segmenter knows (default DeepLabV3, PASCAL VOC); its other classes named in the query (road with road-segmentation-adas-0001) become regions of their own')
    .option('--annotate <file>', 'write the frames with boxes, masks, track ids and captions drawn (.mp4, .webm, .gif; .png for an image)')
    .option('--redact <what>', 'with --annotate: pixelate faces, persons, or both (faces,persons) before drawing', parseRedact)
    .option('--live', 'read the input as live: at its own rate, newest frame kept when grounding falls behind, reconnects (RTSP and HLS always are)')
    .option('--gap <sec>', 'live: no frame for this long is a gap (default 2)', nonNegative('--gap'))
    .option('--retries <n>', 'live: give up after this many failed reconnects in a row (default 5)', positiveInt('--retries'))
    .option('-o, --out <file>', 'JSON Lines output (default: standard output)');
  return withEngineOptions(cmd).action(async (input: string, opts) => {
    const engine = createEngine(toEngineOptions(opts));
    if (opts.redact && !opts.annotate) throw new InvalidArgumentError('--redact applies to the --annotate output; give --annotate <file>');
    const segments = Boolean(opts.segments || opts.vtt || opts.srt);
    const track = Boolean(opts.track || opts.mot || segments);
    try {
      const result = await runVideo(engine, {
        source: input, query: opts.query, fps: opts.fps, startSec: opts.start, endSec: opts.end,
        scoreThreshold: opts.score, model: opts.model, streamId: opts.streamId, tileSizePx: opts.tile, overlapPx: opts.overlap,
        temporal: track ? { track, segments, maxGapSec: opts.maxGap ?? 0, minDurationSec: opts.minDuration ?? 0 } : undefined,
        live: Boolean(opts.live),
        captions: opts.captions ? CAPTIONS[opts.captions as keyof typeof CAPTIONS] : undefined,
        masks: Boolean(opts.masks),
        maskModel: typeof opts.masks === 'string' ? opts.masks : undefined,
        annotate: opts.annotate ? { path: opts.annotate, redact: opts.redact } : undefined,
        liveOptions: { gapSec: opts.gap, maxRetries: opts.retries },
      }, opts.out, (line) => process.stderr.write(`${line}\n`), { motPath: opts.mot, vttPath: opts.vtt, srtPath: opts.srt });
      if (result.summary) process.stderr.write(`${formatSummary(result.summary)}\n`);
      if (segments) process.stderr.write(`${formatSegments(result.segments)}\n`);
      for (const path of result.written) process.stderr.write(`written: ${path}\n`);
      if (opts.out) process.stderr.write(`events written to ${opts.out}\n`);
      if (result.error) throw result.error;
    } finally {
      await engine.close();
    }
  });
}
