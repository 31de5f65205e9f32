import { lastValueFrom, concatMap, from } from 'rxjs';
import { EventKind, type GroundingEvent, type GroundVideoRequest, type RunSummary } from '../core/events';
import { GroundstreamError } from '../core/errors';
import type { Engine, VideoRequest } from '../engine/create-engine';
import { formatQueryPlan } from '../grounding/query';
import { streamIdFor } from '../engine/validate-request';
import { toErrorEvent } from '../pipeline/to-error-event';
import { createJsonlSink } from './jsonl-sink';
import { createProgressBar } from './progress-bar';
import { createTemporalOutputs, type TemporalOutputPaths } from './temporal-outputs';

/** What a finished video run reports back to the command. */
export interface VideoRunResult {
  summary?: RunSummary;
  error?: GroundstreamError;
  /** Segment end events, in the order they ended. */
  segments: readonly GroundingEvent[];
  /** Timed-text and track files written. */
  written: string[];
}

/**
 * Runs one video request: events to JSON Lines, progress on the terminal, the query plan and
 * the summary on stderr. A failure mid-run (a truncated file) still leaves the frames already
 * written, followed by an error event.
 */
export async function runVideo(
  engine: Engine, request: VideoRequest, outPath: string | undefined, log: (line: string) => void, outputs: TemporalOutputPaths = {},
): Promise<VideoRunResult> {
  const plan = await engine.planQuery(request.query ?? '', request.model);
  log(formatQueryPlan(plan));
  const sink = createJsonlSink(outPath);
  const temporal = createTemporalOutputs(outputs);
  const bar = createProgressBar(process.stderr);
  let frames = 0;
  let total = 0;
  const streamId = request.streamId || streamIdFor(request.source ?? '');
  let summary: RunSummary | undefined;
  const started = Date.now();
  try {
    await lastValueFrom(engine.groundVideo({ ...request, streamId }, { onInfo: (info) => { total = expectedFrames(request, info); } }).pipe(
      concatMap((event: GroundingEvent) => from((async () => {
        await sink.write(event);
        await temporal.write(event);
        if (event.kind === EventKind.EVENT_KIND_FRAME) {
          frames++;
          bar.update({ done: frames, total, framesPerSec: frames / Math.max(1e-3, (Date.now() - started) / 1000) });
        } else if (event.kind === EventKind.EVENT_KIND_SUMMARY) {
          summary = event.summary;
        }
      })())),
    ), { defaultValue: undefined });
    bar.end();
    return { summary, segments: temporal.segments, written: await temporal.close() };
  } catch (e) {
    bar.end();
    const err = e instanceof GroundstreamError ? e : new GroundstreamError('internal', request.source ?? '', e instanceof Error ? e.message : String(e), { cause: e });
    await sink.write(toErrorEvent(err, streamId));
    // What was grounded before the failure is still written out.
    return { error: err, segments: temporal.segments, written: await temporal.close() };
  } finally {
    await sink.close();
  }
}

/** Frames a run should deliver, for the progress bar: the declared count, narrowed by window and sampling. */
export function expectedFrames(request: Pick<Partial<GroundVideoRequest>, 'startSec' | 'endSec' | 'fps'>, info: { frameCount?: number; durationSec?: number }): number {
  const frameCount = info.frameCount ?? 0;
  const durationSec = info.durationSec ?? 0;
  if (!durationSec) return frameCount;
  const spanSec = Math.max(0, Math.min(request.endSec || durationSec, durationSec) - (request.startSec ?? 0));
  return request.fps ? Math.ceil(spanSec * request.fps) : Math.round((frameCount * spanSec) / durationSec);
}

/** Human-readable end-of-run lines: counts per label and throughput. */
export function formatSummary(s: RunSummary): string {
  const counts = Object.entries(s.labelCounts).sort((a, b) => b[1] - a[1]);
  const perFrame = (n: number) => (s.frames ? (n / s.frames).toFixed(2) : '0');
  const lines = [
    `${s.frames} frames in ${s.elapsedSec.toFixed(1)} s (${s.framesPerSec.toFixed(1)} fps)` + (s.framesDeclared ? `, ${s.framesDeclared} declared by the source` : ''),
    ...(counts.length ? counts.map(([label, n]) => `  ${label}: ${n} (${perFrame(n)} per frame)`) : ['  no regions']),
  ];
  return lines.join('\n');
}
