/**
 * `npm run bench:raster`: two large scenes made by resampling a real GeoTIFF (3840² tiled 256 and
 * 16384² tiled 512, DEFLATE; gdalwarp, or by code without GDAL), YOLOX-nano, tile 416 overlap 128,
 * query "cars". Measures side by side, in one run:
 *  - engine: `groundRaster` scene wall time and tiles/s, in a child process per scene and config
 *    (bench/raster-run.ts) so that its peak RSS is the scene's alone;
 *  - model-only: ORT alone on the same tiles, pre-read and preprocessed (1 thread, 2 threads, two
 *    1-thread sessions): the lower bound of the scene time. On the 16k scene on an evenly spread
 *    subset of tiles, extrapolated per tile (all its tensors would take ~6.8 GB);
 *  - the ratios: rounds of model-only (best configuration), engine, model-only again; each round's
 *    engine time over the mean of its two model-only passes, median over the rounds, so that the
 *    machine's drift (±10 % between runs on a shared host) weighs on both sides alike;
 *  - where a tile's time goes: read + decode (geotiff.js), preprocess, inference, YOLOX decode + NMS;
 *  - peer: GDAL windowed reads + OpenCV dnn + NMS (bench/peers/gdal_opencv_yolox.py, Debian python3).
 * Env: BENCH_RASTER_DIR (scene cache, default $TMPDIR/groundstream-bench-raster), BENCH_RASTER_REGEN=1
 * (remake the scenes), BENCH_RASTER_WRITER=code (write them by code even with GDAL),
 * BENCH_RASTER_SUBSET (16k model-only tiles, default 96), BENCH_RASTER_16K_OVERLAP (default 0: the
 * 16k scene is tiled 416 with stride 416, 1,600 tiles, so that the bench stays near 5 minutes),
 * BENCH_RASTER_ROUNDS_4K and BENCH_RASTER_ROUNDS_16K (rounds per scene, default 5 and 3).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findModelEntry } from '../models/catalog';
import { createTileGrid, type GridTile } from '../src/geo/tile-grid';
import { resolveModel } from '../src/models/registry/resolve-model';
import { createInferenceSession, type InferenceSession } from '../src/models/runtime/create-inference-session';
import { decodeYolox } from '../src/models/yolox/postprocess';
import { toYoloxInput } from '../src/models/yolox/preprocess';
import { createTileReader, openRaster } from '../src/sources/raster';
import type { RasterRunResult } from './raster-run';
import { ensureScene, type BenchScene } from './raster-scenes';

const TILE = 416;
const OVERLAP = 128;
const QUERY = 'cars';
const SUBSET = Number(process.env.BENCH_RASTER_SUBSET ?? 96);
// 16k at overlap 0 (40x40 tiles, every pixel read once) keeps the bench near 5 min on 2 cores; the
// full 416/128 grid (57x57) takes ~4-6 min on its own: BENCH_RASTER_16K_OVERLAP=128
const OVERLAP_16K = Number(process.env.BENCH_RASTER_16K_OVERLAP ?? 0);
// paired rounds per scene for the ratios (this machine's speed drifts by ±10 % between runs); a 4K
// round takes ~10 s, a 16k one ~40 s
const ROUNDS_4K = Math.max(1, Number(process.env.BENCH_RASTER_ROUNDS_4K ?? 5));
const ROUNDS_16K = Math.max(1, Number(process.env.BENCH_RASTER_ROUNDS_16K ?? 3));
const REPO = path.resolve(__dirname, '..');
const run = promisify(execFile);

function dataPath(): string[] {
  return [...(process.env.GROUNDSTREAM_DATA_PATH ?? '').split(':').filter(Boolean), path.resolve(REPO, '..', 'shared', 'data')];
}

function findData(rel: string): string {
  for (const dir of dataPath()) {
    const p = path.join(dir, rel);
    if (existsSync(p)) return p;
  }
  throw new Error(`${rel} not found: set GROUNDSTREAM_DATA_PATH`);
}

interface StageTimes {
  /** ms per tile */
  readMs: number;
  preprocessMs: number;
  decodeMs: number;
}

interface Prepared {
  /** Model inputs of the tiles that hold data, read and preprocessed once. */
  tensors: Float32Array[];
  stages: StageTimes;
}

/** Reads and preprocesses `tiles` (timed per stage); YOLOX decode + NMS timed on a few tiles' outputs. */
async function prepareTiles(scene: string, tiles: GridTile[], session: InferenceSession): Promise<Prepared> {
  const entry = findModelEntry('yolox-nano-416')!;
  const raster = await openRaster(scene);
  const tensors: Float32Array[] = [];
  let readMs = 0, preprocessMs = 0;
  try {
    const reader = await createTileReader(raster);
    for (const tile of tiles) {
      const t0 = performance.now();
      const frame = await reader.readTile(tile.window);
      const t1 = performance.now();
      if (!frame) continue;
      tensors.push(toYoloxInput(frame, TILE).data);
      readMs += t1 - t0;
      preprocessMs += performance.now() - t1;
    }
  } finally {
    await raster.close();
  }
  let decodeMs = 0;
  const decodeTiles = Math.min(24, tensors.length);
  for (let i = 0; i < decodeTiles; i++) {
    const out = await session.run(feed(tensors[i]));
    const t0 = performance.now();
    decodeYolox(out[entry.outputs[0]], { inputSize: TILE, scoreThreshold: entry.defaultScoreThreshold, labels: entry.labels, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 }, sourceWidth: TILE, sourceHeight: TILE });
    decodeMs += performance.now() - t0;
  }
  return { tensors, stages: { readMs: readMs / tensors.length, preprocessMs: preprocessMs / tensors.length, decodeMs: decodeMs / decodeTiles } };
}

function feed(data: Float32Array): Record<string, { data: Float32Array; dims: number[] }> {
  return { [findModelEntry('yolox-nano-416')!.input.name]: { data, dims: [1, 3, TILE, TILE] } };
}

/** ORT alone on the prepared tensors, `sessions` in parallel: tiles/s. */
async function timeModelOnly(tensors: Float32Array[], sessions: InferenceSession[]): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(sessions.map(async (s) => {
    while (next < tensors.length) await s.run(feed(tensors[next++]));
  }));
  return tensors.length / ((performance.now() - t0) / 1000);
}

/** One bracketed round of a scene: engine time over model-only time. */
interface Round { ratio: number; engine: RasterRunResult; onlyTps: number }

/** The three model-only configurations, each open for the whole bench. */
type Configs = Record<string, InferenceSession[]>;

async function openConfigs(modelPath: string): Promise<Configs> {
  const open = (threads: number) => createInferenceSession(modelPath, { intraOpNumThreads: threads });
  return { '1 thread': [await open(1)], '2 threads': [await open(2)], '2 sessions x 1 thread': [await open(1), await open(1)] };
}

/** The engine on one scene in its own process: its peak RSS is this scene's alone. */
async function engineRun(scene: string, overlap: number, threads: number, sessions: number, modelPathEnv: string): Promise<RasterRunResult> {
  const { stdout } = await run(process.execPath, ['-r', 'tsx/cjs', path.join(__dirname, 'raster-run.ts'), scene, String(TILE), String(overlap), QUERY, String(threads), String(sessions)], {
    cwd: REPO,
    env: { ...process.env, GROUNDSTREAM_MODEL_PATH: modelPathEnv },
    timeout: 900_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as RasterRunResult;
}

interface PeerResult { tiles: number; seconds: number; tilesPerSec: number; sceneDetections: number; gdal: string; opencv: string }

async function peer(scene: string, modelPath: string): Promise<PeerResult | string> {
  try {
    const { stdout } = await run('/usr/bin/python3', [path.join(__dirname, 'peers', 'gdal_opencv_yolox.py'), scene, modelPath, String(TILE), String(OVERLAP), String(os.availableParallelism())], { timeout: 600_000 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as PeerResult;
  } catch (e) {
    return `peer not run (${(e as Error).message.split('\n')[0]}); install it with: apt-get install python3-gdal python3-opencv`;
  }
}

const mb = (kib: number): string => `${(kib / 1024).toFixed(0)} MB`;
const describe = (s: BenchScene): string =>
  `${s.sizePx}² tiled ${s.blockPx}, DEFLATE, ${(s.bytes / 1e6).toFixed(0)} MB, ${s.madeBy === 'cache' ? 'cached' : `made by ${s.madeBy} in ${s.seconds.toFixed(0)} s`}`;

/** Evenly spread over the grid (rows and columns alike), so edge and inner tiles are both in. */
function spread(tiles: GridTile[], n: number): GridTile[] {
  if (n >= tiles.length) return tiles;
  return Array.from({ length: n }, (_, i) => tiles[Math.floor((i * tiles.length) / n + tiles.length / (2 * n))]);
}

async function main(): Promise<void> {
  const started = performance.now();
  const cores = os.availableParallelism();
  // the engine resolves models on its search path; default it to ../shared/models like the data
  const modelPathEnv = process.env.GROUNDSTREAM_MODEL_PATH ?? path.resolve(REPO, '..', 'shared', 'models');
  process.env.GROUNDSTREAM_MODEL_PATH = modelPathEnv;
  const model = await resolveModel('yolox-nano-416');
  const source = findData('geotiff/rasterio_cogeo.tif');
  const dir = process.env.BENCH_RASTER_DIR ?? path.join(os.tmpdir(), 'groundstream-bench-raster');
  const force = process.env.BENCH_RASTER_WRITER === 'code' ? 'code' : process.env.BENCH_RASTER_REGEN ? 'gdalwarp' : undefined;
  console.log(`bench:raster — YOLOX-nano 416, tile ${TILE} overlap ${OVERLAP}, query "${QUERY}", ${cores} cores, ${os.cpus()[0]?.model ?? ''}, load average ${os.loadavg()[0].toFixed(1)}`);
  const s4k = await ensureScene(source, dir, 3840, 256, force);
  const s16k = await ensureScene(source, dir, 16384, 512, force);
  console.log(`  scenes from ${path.basename(source)} (bilinear) in ${dir}:\n    4K:  ${describe(s4k)}\n    16k: ${describe(s16k)}`);

  const grid4k = createTileGrid({ sceneWidthPx: 3840, sceneHeightPx: 3840, tileSizePx: TILE, overlapPx: OVERLAP });
  const grid16k = createTileGrid({ sceneWidthPx: 16384, sceneHeightPx: 16384, tileSizePx: TILE, overlapPx: OVERLAP_16K });
  const configs = await openConfigs(model.path);
  const one = configs['1 thread'][0];
  const prep4k = await prepareTiles(s4k.path, grid4k.tiles, one);
  const prep16k = await prepareTiles(s16k.path, spread(grid16k.tiles, SUBSET), one);
  const perConfig = async (tensors: Float32Array[]): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const [k, sessions] of Object.entries(configs)) out[k] = await timeModelOnly(tensors, sessions);
    return out;
  };
  const only4k = await perConfig(prep4k.tensors);
  const only16k = await perConfig(prep16k.tensors);

  const eng4kA = await engineRun(s4k.path, OVERLAP, cores, 1, modelPathEnv);
  const eng4kB = await engineRun(s4k.path, OVERLAP, 1, 2, modelPathEnv);
  // the ratio rounds run in the faster engine configuration; the 16k RSS is compared with that 4K run
  const fastB = eng4kB.tilesPerSec >= eng4kA.tilesPerSec;
  const [threads, sessions] = fastB ? [1, 2] : [cores, 1];
  const best = (o: Record<string, number>): string => Object.keys(o).reduce((a, b) => (o[a] >= o[b] ? a : b));
  const bestKey = best({ ...only4k });
  /**
   * One round: model-only, the engine on the whole scene, model-only again; the ratio is the engine
   * time over the model-only time at the mean of the two passes that bracket it, so a change in the
   * machine's load during the round weighs on both sides alike. Rounds repeat; the median is reported.
   */
  const round = async (sceneFile: string, overlap: number, prep: Prepared, gridTiles: number): Promise<Round> => {
    const before = await timeModelOnly(prep.tensors, configs[bestKey]);
    const engine = await engineRun(sceneFile, overlap, threads, sessions, modelPathEnv);
    const after = await timeModelOnly(prep.tensors, configs[bestKey]);
    const onlyTps = (before + after) / 2;
    return { ratio: engine.seconds / (gridTiles / onlyTps), engine, onlyTps };
  };
  const rounds4k: Round[] = [];
  for (let r = 0; r < ROUNDS_4K; r++) rounds4k.push(await round(s4k.path, OVERLAP, prep4k, grid4k.tiles.length));
  const rounds16k: Round[] = [];
  for (let r = 0; r < ROUNDS_16K; r++) rounds16k.push(await round(s16k.path, OVERLAP_16K, prep16k, grid16k.tiles.length));
  const eng4k = fastB ? eng4kB : eng4kA;
  const eng16k = rounds16k.map((r) => r.engine).reduce((a, b) => (a.maxRssKiB >= b.maxRssKiB ? a : b));
  const p = await peer(s4k.path, model.path);
  await Promise.all(Object.values(configs).flat().map((x) => x.dispose()));

  const cfg = (t: number, s: number): string => `${s} session${s > 1 ? 's' : ''} x ${t} thread${t > 1 ? 's' : ''}`;
  const engineCell = (r: RasterRunResult): string =>
    `${r.tilesPerSec.toFixed(1)} tiles/s, ${r.seconds.toFixed(1)} s, CPU ${(1000 * r.cpuSec / r.tiles).toFixed(1)} ms/tile, peak RSS ${mb(r.maxRssKiB)} (${mb(r.rssAfterLoadKiB)} after model load), ${r.sceneRegions} regions`;
  const rows: [string, string, string][] = [
    ['tiles', `${grid4k.tiles.length} (${grid4k.cols}x${grid4k.rows})`, `${grid16k.tiles.length} (${grid16k.cols}x${grid16k.rows}), overlap ${OVERLAP_16K}; model-only on ${prep16k.tensors.length} spread over the grid`],
    ['read + decode tile (geotiff.js)', `${prep4k.stages.readMs.toFixed(1)} ms/tile`, `${prep16k.stages.readMs.toFixed(1)} ms/tile (cold: spread tiles share no blocks)`],
    ['preprocess (toYoloxInput)', `${prep4k.stages.preprocessMs.toFixed(1)} ms/tile`, `${prep16k.stages.preprocessMs.toFixed(1)} ms/tile`],
    ['YOLOX decode + NMS', `${prep4k.stages.decodeMs.toFixed(1)} ms/tile`, `${prep16k.stages.decodeMs.toFixed(1)} ms/tile`],
    ...Object.keys(only4k).map((k): [string, string, string] => [
      `model-only, ${k}`,
      `${only4k[k].toFixed(1)} tiles/s (${(1000 / only4k[k]).toFixed(1)} ms/tile)`,
      `${only16k[k].toFixed(1)} tiles/s (${(1000 / only16k[k]).toFixed(1)} ms/tile)`,
    ]),
    [`engine, ${cfg(cores, 1)}`, engineCell(eng4kA), '—'],
    [`engine, ${cfg(1, 2)}`, engineCell(eng4kB), '—'],
    ...Array.from({ length: Math.max(ROUNDS_4K, ROUNDS_16K) }, (_, i): [string, string, string] => {
      const [a, b] = [rounds4k[i], rounds16k[i]];
      return [
        `round ${i + 1}: engine ${cfg(threads, sessions)} / model-only ${bestKey}`,
        a ? `${a.engine.tilesPerSec.toFixed(1)} vs ${a.onlyTps.toFixed(1)} tiles/s: ${a.ratio.toFixed(2)}` : '—',
        b ? `${engineCell(b.engine)} vs ${b.onlyTps.toFixed(1)} tiles/s: ${b.ratio.toFixed(2)}` : '—',
      ];
    }),
    ['peer, GDAL + OpenCV dnn', typeof p === 'string' ? p : `${p.tilesPerSec.toFixed(1)} tiles/s, ${p.seconds.toFixed(1)} s, ${p.sceneDetections} detections of any class (GDAL ${p.gdal}, OpenCV ${p.opencv})`, '—'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  console.log(`  ${''.padEnd(w0)}  4K scene | 16k scene`);
  for (const [k, a, b] of rows) console.log(`  ${k.padEnd(w0)}  ${a} | ${b}`);

  const median = (xs: number[]): number => {
    const v = [...xs].sort((a, b) => a - b);
    return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  const list = (rs: { ratio: number }[]): string => rs.map((r) => r.ratio.toFixed(2)).join(', ');
  const engine4k = Math.max(eng4kA.tilesPerSec, eng4kB.tilesPerSec, ...rounds4k.map((r) => r.engine.tilesPerSec));
  console.log(`ratio scene / model-only, 4K:  ${median(rounds4k.map((r) => r.ratio)).toFixed(2)} (median of ${ROUNDS_4K} bracketed rounds: ${list(rounds4k)}; target ≤ 1.3)`);
  console.log(`ratio scene / model-only, 16k: ${median(rounds16k.map((r) => r.ratio)).toFixed(2)} (median of ${ROUNDS_16K} bracketed rounds: ${list(rounds16k)}; model-only on ${prep16k.tensors.length} spread tiles, per tile; overlap ${OVERLAP_16K}; target ≤ 1.3)`);
  console.log(`ratio peak RSS 16k / 4K:       ${(eng16k.maxRssKiB / eng4k.maxRssKiB).toFixed(2)} (${mb(eng16k.maxRssKiB)} vs ${mb(eng4k.maxRssKiB)}, both ${cfg(threads, sessions)}, 16k at overlap ${OVERLAP_16K}; target ≤ 1.2)`);
  if (typeof p !== 'string') console.log(`ratio engine / peer tiles/s, 4K: ${(engine4k / p.tilesPerSec).toFixed(2)} (${engine4k.toFixed(1)} vs ${p.tilesPerSec.toFixed(1)}; peer measured earlier at 21.7)`);
  const s = prep4k.stages;
  const inferMs = 1000 / only4k[bestKey];
  const sum = s.readMs + s.preprocessMs + inferMs + s.decodeMs;
  console.log(`where a 4K tile's time goes (ms): read ${s.readMs.toFixed(1)}, preprocess ${s.preprocessMs.toFixed(1)}, inference ${inferMs.toFixed(1)} (best model-only), decode+NMS ${s.decodeMs.toFixed(1)}; ` +
    `sum ${sum.toFixed(1)} vs engine ${(1000 / engine4k).toFixed(1)} per tile`);
  console.log(`total bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
