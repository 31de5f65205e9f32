/**
 * `npm run bench:video`: on vtest.avi (300 frames, YOLOX-nano) measures side by side, in one run:
 *  - engine: the whole pipeline (ffmpeg decode + scale, preprocess, ORT, decode, NMS, query, events);
 *  - model-only: ORT alone on the same preprocessed tensors, best of 1 thread, 2 threads and two
 *    1-thread sessions in parallel (the upper bound the engine can reach);
 *  - peer: OpenCV VideoCapture + cv2.dnn on the same model (bench/peers/opencv_yolox.py, Debian python3).
 * Prints frames/s of each and the ratios. Set BENCH_FRAMES to change the frame count.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { lastValueFrom, toArray } from 'rxjs';
import { findModelEntry } from '../models/catalog';
import { EventKind } from '../src/core/events';
import { createEngine } from '../src/engine/create-engine';
import { resolveModel } from '../src/models/registry/resolve-model';
import { createInferenceSession, type InferenceSession } from '../src/models/runtime/create-inference-session';
import { toYoloxInput } from '../src/models/yolox/preprocess';
import { createVideoSource } from '../src/sources/video';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 300);
const FPS_SOURCE = 10; // vtest.avi

function findData(rel: string): string {
  for (const dir of [...(process.env.GROUNDSTREAM_DATA_PATH ?? '').split(':').filter(Boolean), path.resolve(__dirname, '..', '..', 'shared', 'data')]) {
    const p = path.join(dir, rel);
    if (existsSync(p)) return p;
  }
  throw new Error(`${rel} not found: set GROUNDSTREAM_DATA_PATH`);
}

async function engineFps(video: string, threads: number, sessions: number): Promise<{ fps: number; personsPerFrame: number }> {
  const engine = createEngine({ intraOpNumThreads: threads, sessionsPerModel: sessions });
  try {
    await engine.detector(); // load outside the timed part, as the peer loads its net first
    const t0 = performance.now();
    const events = await lastValueFrom(engine.groundVideo({ source: video, query: 'person', endSec: FRAMES / FPS_SOURCE }).pipe(toArray()));
    const seconds = (performance.now() - t0) / 1000;
    const frames = events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME);
    const persons = frames.reduce((n, e) => n + e.regions.length, 0);
    return { fps: frames.length / seconds, personsPerFrame: persons / frames.length };
  } finally {
    await engine.close();
  }
}

async function modelOnly(video: string, modelPath: string): Promise<Record<string, number>> {
  const entry = findModelEntry('yolox-nano-416')!;
  const tensors: Float32Array[] = [];
  const source = createVideoSource(video, { width: 416, height: 416, fit: 'letterbox', layout: 'gbrp', padValue: 114, endSec: FRAMES / FPS_SOURCE });
  for await (const frame of source.frames()) tensors.push(toYoloxInput(frame, 416).data);
  const run = async (sessions: InferenceSession[]): Promise<number> => {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(sessions.map(async (s) => {
      while (next < tensors.length) {
        const i = next++;
        await s.run({ [entry.input.name]: { data: tensors[i], dims: [1, 3, 416, 416] } });
      }
    }));
    const fps = tensors.length / ((performance.now() - t0) / 1000);
    await Promise.all(sessions.map((s) => s.dispose()));
    return fps;
  };
  const open = (threads: number) => createInferenceSession(modelPath, { intraOpNumThreads: threads });
  return {
    '1 thread': await run([await open(1)]),
    '2 threads': await run([await open(2)]),
    '2 sessions x 1 thread': await run([await open(1), await open(1)]),
  };
}

async function peer(video: string, modelPath: string): Promise<{ fps: number; personsPerFrame: number; opencv: string } | string> {
  const python = '/usr/bin/python3';
  try {
    const { stdout } = await promisify(execFile)(python, [path.join(__dirname, 'peers', 'opencv_yolox.py'), video, modelPath, String(FRAMES), String(os.availableParallelism())], { timeout: 600_000 });
    return JSON.parse(stdout.trim().split('\n').pop()!);
  } catch (e) {
    return `peer not run (${(e as Error).message.split('\n')[0]}); install it with: apt-get install python3-opencv`;
  }
}

async function main(): Promise<void> {
  const video = findData('video/vtest.avi');
  const model = await resolveModel('yolox-nano-416');
  const cores = os.availableParallelism();
  console.log(`bench:video — ${FRAMES} frames of vtest.avi (768x576), YOLOX-nano 416, ${cores} cores, ${os.cpus()[0]?.model ?? ''}`);
  const only = await modelOnly(video, model.path);
  const best = Math.max(...Object.values(only));
  const eng1 = await engineFps(video, cores, 1);
  const eng2 = await engineFps(video, 1, 2);
  const p = await peer(video, model.path);
  const rows: [string, string][] = [
    ...Object.entries(only).map(([k, v]) => [`model-only, ${k}`, `${v.toFixed(1)} fps`] as [string, string]),
    [`engine, 1 session x ${cores} threads`, `${eng1.fps.toFixed(1)} fps (${eng1.personsPerFrame.toFixed(2)} person/frame)`],
    ['engine, 2 sessions x 1 thread', `${eng2.fps.toFixed(1)} fps (${eng2.personsPerFrame.toFixed(2)} person/frame)`],
    ['peer, OpenCV dnn + VideoCapture', typeof p === 'string' ? p : `${p.fps.toFixed(1)} fps (${p.personsPerFrame.toFixed(2)} person/frame, OpenCV ${p.opencv})`],
  ];
  for (const [k, v] of rows) console.log(`  ${k.padEnd(36)} ${v}`);
  const engine = Math.max(eng1.fps, eng2.fps);
  console.log(`ratio engine / model-only best: ${(engine / best).toFixed(2)} (target ≥ 0.75)`);
  if (typeof p !== 'string') console.log(`ratio engine / OpenCV peer: ${(engine / p.fps).toFixed(2)} (target ≥ 3)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
