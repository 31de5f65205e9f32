/**
 * `npm run bench:live`: live latency, side by side in one run, on car-detection.mp4 (12.5 fps):
 *  - engine: the file read as a live source (at its own rate, newest frames kept), YOLOX-nano on
 *    the engine's default sessions; latency = frame arrival → its event (`live.lagSec`), and the
 *    share of frames dropped to stay current;
 *  - model-only: ORT alone on the same preprocessed frames, one at a time on one thread (the
 *    engine's per-session setting): the latency a frame cannot beat;
 *  - peer: a camera-paced OpenCV loop with cv2.dnn on the same model, grounding every frame
 *    (bench/peers/opencv_yolox_live.py, Debian python3).
 * Each runs at the stream's own rate and at 4× (the whole clip, 7.5 s, made with ffmpeg: faster
 * than inference on small machines). Prints p50/p95 latencies, drop rates and the ratio engine p95 / model latency.
 * BENCH_LIVE_SECONDS sets the length of each run (default 20).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { lastValueFrom, takeUntil, timer, toArray } from 'rxjs';
import { findModelEntry } from '../models/catalog';
import { EventKind } from '../src/core/events';
import { createEngine } from '../src/engine/create-engine';
import { resolveModel } from '../src/models/registry/resolve-model';
import { createInferenceSession } from '../src/models/runtime/create-inference-session';
import { toYoloxInput } from '../src/models/yolox/preprocess';
import { createVideoSource, findFfmpeg } from '../src/sources/video';

const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 20);
const SPEEDS = [1, 4];

function findData(rel: string): string {
  for (const dir of [...(process.env.GROUNDSTREAM_DATA_PATH ?? '').split(':').filter(Boolean), path.resolve(__dirname, '..', '..', 'shared', 'data')]) {
    const p = path.join(dir, rel);
    if (existsSync(p)) return p;
  }
  throw new Error(`${rel} not found: set GROUNDSTREAM_DATA_PATH`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** The whole clip at `speed` times its rate (same frames, timestamps divided), cached in the temp folder. */
function clipAt(video: string, speed: number): string {
  if (speed === 1) return video;
  const dir = path.join(os.tmpdir(), 'groundstream-bench-live');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `car-detection-x${speed}.mp4`);
  if (!existsSync(out)) {
    const { ffmpegPath } = findFfmpeg();
    execFileSync(ffmpegPath, ['-v', 'error', '-y', '-i', video, '-an', '-vf', `setpts=PTS/${speed}`, '-r', String(12.5 * speed),
      '-c:v', 'libx264', '-preset', 'veryfast', '-g', String(25 * speed), '-pix_fmt', 'yuv420p', out]);
  }
  return out;
}

async function engineLive(clip: string): Promise<{ frames: number; dropped: number; p50Ms: number; p95Ms: number; maxMs: number }> {
  const engine = createEngine({});
  try {
    await engine.detector(); // loaded before the clock starts, as the peer loads its net first
    const events = await lastValueFrom(engine.groundVideo({ source: clip, query: 'person', live: true }).pipe(takeUntil(timer(SECONDS * 1000)), toArray()));
    const frames = events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME && e.live);
    // The first second includes ffmpeg's start and the first inferences' warm-up.
    const steady = frames.filter((e) => e.ptsSec >= 1);
    const lags = steady.map((e) => e.live!.lagSec * 1000);
    const dropped = frames.length ? frames[frames.length - 1].live!.droppedTotal : 0;
    return { frames: frames.length, dropped, p50Ms: percentile(lags, 50), p95Ms: percentile(lags, 95), maxMs: Math.max(...lags) };
  } finally {
    await engine.close();
  }
}

async function modelLatency(video: string, modelPath: string): Promise<{ p50Ms: number; p95Ms: number }> {
  const entry = findModelEntry('yolox-nano-416')!;
  const tensors: Float32Array[] = [];
  const source = createVideoSource(video, { width: 416, height: 416, fit: 'letterbox', layout: 'gbrp', padValue: 114, endSec: 8 });
  for await (const frame of source.frames()) tensors.push(toYoloxInput(frame, 416).data);
  const session = await createInferenceSession(modelPath, { intraOpNumThreads: 1 });
  const ms: number[] = [];
  try {
    await session.run({ [entry.input.name]: { data: tensors[0], dims: [1, 3, 416, 416] } });
    for (const data of tensors) {
      const t0 = performance.now();
      await session.run({ [entry.input.name]: { data, dims: [1, 3, 416, 416] } });
      ms.push(performance.now() - t0);
    }
  } finally {
    await session.dispose();
  }
  return { p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95) };
}

async function peer(clip: string, modelPath: string): Promise<{ frames: number; p50Ms: number; p95Ms: number; maxMs: number; lastMs: number; opencv: string } | string> {
  try {
    const { stdout } = await promisify(execFile)('/usr/bin/python3', [path.join(__dirname, 'peers', 'opencv_yolox_live.py'), clip, modelPath, String(SECONDS), String(os.availableParallelism()), '1'], { timeout: (SECONDS + 120) * 1000 });
    return JSON.parse(stdout.trim().split('\n').pop()!);
  } catch (e) {
    return `peer not run (${(e as Error).message.split('\n')[0]}); install it with: apt-get install python3-opencv`;
  }
}

async function main(): Promise<void> {
  const video = findData('video/car-detection.mp4');
  const model = await resolveModel('yolox-nano-416');
  const cores = os.availableParallelism();
  console.log(`bench:live — car-detection.mp4 (768x432, 12.5 fps) read live for ${SECONDS} s, YOLOX-nano 416, ${cores} cores, ${os.cpus()[0]?.model ?? ''}`);
  const m = await modelLatency(video, model.path);
  console.log(`  model-only latency (ORT, 1 thread)        p50 ${m.p50Ms.toFixed(1)} ms  p95 ${m.p95Ms.toFixed(1)} ms`);
  for (const speed of SPEEDS) {
    const clip = clipAt(video, speed);
    const e = await engineLive(clip);
    const offered = e.frames + e.dropped;
    console.log(`  engine at ${speed}× (${(12.5 * speed).toFixed(1)} fps)              p50 ${e.p50Ms.toFixed(1)} ms  p95 ${e.p95Ms.toFixed(1)} ms  max ${e.maxMs.toFixed(1)} ms  ` +
      `grounded ${e.frames}, dropped ${e.dropped} (${((100 * e.dropped) / Math.max(1, offered)).toFixed(1)} %)`);
    console.log(`    ratio engine p95 / model p50: ${(e.p95Ms / m.p50Ms).toFixed(2)}  (target ≤ 2)`);
    const p = await peer(clip, model.path);
    if (typeof p === 'string') console.log(`  peer: ${p}`);
    else console.log(`  peer at ${speed}×, OpenCV ${p.opencv} paced loop        p50 ${p.p50Ms.toFixed(1)} ms  p95 ${p.p95Ms.toFixed(1)} ms  max ${p.maxMs.toFixed(1)} ms  last ${p.lastMs.toFixed(1)} ms  grounded ${p.frames}, dropped 0`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
