/**
 * Child process of `npm run bench:raster`: grounds one scene through the engine and prints one JSON
 * line (tiles, seconds, tiles/s, peak RSS). Run alone so its peak RSS is this scene's, nothing else's.
 *
 *   node -r tsx/cjs bench/raster-run.ts <scene.tif> <tile> <overlap> <query> <threads> <sessions>
 */
import { readFileSync } from 'node:fs';
import { filter, lastValueFrom, tap, toArray } from 'rxjs';
import { EventKind } from '../src/core/events';
import { createEngine } from '../src/engine/create-engine';

/** What the child prints; the parent parses it. */
export interface RasterRunResult {
  scene: string;
  widthPx: number;
  heightPx: number;
  tiles: number;
  seconds: number;
  tilesPerSec: number;
  sceneRegions: number;
  /**
   * Peak RSS of this process, KiB, model load included: VmHWM from /proc (getrusage's maxRSS starts
   * from the parent's RSS on Linux: it survives fork and exec).
   */
  maxRssKiB: number;
  /** RSS after the model is loaded and warmed, before the scene is opened. */
  rssAfterLoadKiB: number;
  /** CPU time of the whole process (all threads) during the scene, user + system. */
  cpuSec: number;
}

function peakRssKiB(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // no /proc (not Linux): getrusage is right there
  }
  return process.resourceUsage().maxRSS;
}

async function main(): Promise<void> {
  const [scene, tile, overlap, query = '', threads = '2', sessions = '1'] = process.argv.slice(2);
  if (!scene || !tile || !overlap) throw new Error('usage: raster-run.ts <scene.tif> <tile> <overlap> [query] [threads] [sessions]');
  const engine = createEngine({ intraOpNumThreads: Number(threads), sessionsPerModel: Number(sessions) });
  try {
    await engine.detector(); // loaded outside the timed part, as the peer loads its net first
    // the query lexicon (WordNet) loads once per process, like the model; a serving process has it
    await engine.planRasterQuery(query);
    const rssAfterLoadKiB = Math.round(process.memoryUsage().rss / 1024);
    let tiles = 0;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const events = await lastValueFrom(engine.groundRaster({ source: scene, query, tileSizePx: Number(tile), overlapPx: Number(overlap) }).pipe(
      tap((e) => { if (e.kind === EventKind.EVENT_KIND_TILE) tiles++; }),
      // tile events are dropped as they come, as a streaming consumer would: only scene + summary stay
      filter((e) => e.kind !== EventKind.EVENT_KIND_TILE),
      toArray(),
    ));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const sceneEvent = events.find((e) => e.kind === EventKind.EVENT_KIND_SCENE);
    const result: RasterRunResult = {
      scene,
      widthPx: sceneEvent?.width ?? 0,
      heightPx: sceneEvent?.height ?? 0,
      tiles,
      seconds,
      tilesPerSec: tiles / seconds,
      sceneRegions: sceneEvent?.regions.length ?? 0,
      maxRssKiB: peakRssKiB(),
      rssAfterLoadKiB,
      cpuSec: (cpu.user + cpu.system) / 1e6,
    };
    console.log(JSON.stringify(result));
  } finally {
    await engine.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
