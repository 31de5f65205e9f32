/**
 * `npm run bench:models`: per-model latency for every model family, median of N runs on the same
 * photo, every model with the same threads (one session): the adapter end to end (preprocess
 * from a full-size RGB frame, ORT, postprocess) on fastestdet_3.jpg (500×335), the text reader on
 * gutenye_en-01.jpg (1000×667). BENCH_RUNS sets N (default 10), BENCH_THREADS the threads (default:
 * all cores).
 */
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { MODEL_CATALOG } from '../models/catalog';
import type { Frame } from '../src/core/frame';
import { createEngine, OCR_DETECTOR_ID } from '../src/engine/create-engine';
import { createVideoSource } from '../src/sources/video';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const THREADS = Number(process.env.BENCH_THREADS ?? os.availableParallelism());

function findData(rel: string): string {
  for (const dir of [...(process.env.GROUNDSTREAM_DATA_PATH ?? '').split(':').filter(Boolean), path.resolve(__dirname, '..', '..', 'shared', 'data')]) {
    const p = path.join(dir, rel);
    if (existsSync(p)) return p;
  }
  throw new Error(`${rel} not found: set GROUNDSTREAM_DATA_PATH`);
}

async function photo(rel: string): Promise<Frame> {
  for await (const f of createVideoSource(findData(rel), { layout: 'rgb24' }).frames()) return f;
  throw new Error(`no frame in ${rel}`);
}

async function median(run: () => Promise<unknown>): Promise<{ medianMs: number; minMs: number }> {
  await run(); // warm-up: first-run allocations and kernel selection
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { medianMs: ms[Math.floor(ms.length / 2)], minMs: ms[0] };
}

async function main(): Promise<void> {
  const engine = createEngine({ intraOpNumThreads: THREADS, sessionsPerModel: 1 });
  const scene = await photo('images/fastestdet_3.jpg');
  const label = await photo('images/gutenye_en-01.jpg');
  console.log(`bench:models — median of ${RUNS} runs, ${THREADS} thread(s), 1 session, ${os.cpus()[0]?.model ?? ''}`);
  try {
    for (const entry of MODEL_CATALOG) {
      const segmentation = entry.task === 'semantic-segmentation';
      const model = segmentation ? await engine.segmenter(entry.id) : await engine.detector(entry.id);
      const r = await median(() => ('segment' in model ? model.segment(scene) : model.detect(scene)));
      const size = entry.input.shape.join('x');
      console.log(`  ${entry.id.padEnd(28)} ${entry.task.padEnd(22)} ${size.padEnd(13)} median ${r.medianMs.toFixed(1).padStart(7)} ms  min ${r.minMs.toFixed(1).padStart(7)} ms`);
    }
    const ocr = await engine.detector(OCR_DETECTOR_ID);
    const r = await median(() => ocr.detect(label));
    console.log(`  ${OCR_DETECTOR_ID.padEnd(28)} ${'text (det+cls+rec)'.padEnd(22)} ${'1000x667 img'.padEnd(13)} median ${r.medianMs.toFixed(1).padStart(7)} ms  min ${r.minMs.toFixed(1).padStart(7)} ms`);
  } finally {
    await engine.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
