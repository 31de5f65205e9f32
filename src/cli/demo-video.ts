import { existsSync } from 'node:fs';
import path from 'node:path';
import { GroundstreamError } from '../core/errors';
import { downloadVerified } from '../models/registry/download-file';
import { modelCacheDirFromEnv } from '../models/registry/model-paths';
import { sha256File } from '../models/registry/sha256-file';

/** The CC-BY-4.0 clip the demo downloads where no data path holds a video. */
export const DEMO_DOWNLOAD = Object.freeze({
  file: 'car-detection.mp4',
  url: 'https://raw.githubusercontent.com/intel-iot-devkit/sample-videos/57978890822836f2b4743852f04f62fc511757e4/car-detection.mp4',
  sha256: 'd31e0ebf194cc16e50eea784e7c3b0b1bb7976a4fb9b3fec26cb92a6704cca34',
  sizeBytes: 2811553,
  license: 'CC-BY-4.0, intel-iot-devkit/sample-videos',
});

/** Folders of GROUNDSTREAM_DATA_PATH (colon-separated). */
export function dataSearchPath(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.GROUNDSTREAM_DATA_PATH ?? '').split(path.delimiter).filter(Boolean);
}

/**
 * The demo's video: `video/vtest.avi` from the data path; otherwise the pinned CC-BY clip, from the
 * cache or downloaded (sha256-checked).
 */
export async function findDemoVideo(): Promise<{ path: string; query: string; origin: string }> {
  for (const dir of dataSearchPath()) {
    const p = path.resolve(dir, 'video', 'vtest.avi');
    if (existsSync(p)) return { path: p, query: 'person', origin: 'data path' };
  }
  const cached = path.join(path.dirname(modelCacheDirFromEnv()), 'data', DEMO_DOWNLOAD.file);
  if (existsSync(cached) && (await sha256File(cached)) === DEMO_DOWNLOAD.sha256) return { path: cached, query: 'cars', origin: 'cache' };
  try {
    await downloadVerified(DEMO_DOWNLOAD.url, cached, { sha256: DEMO_DOWNLOAD.sha256, maxBytes: DEMO_DOWNLOAD.sizeBytes * 2 });
  } catch (e) {
    throw new GroundstreamError('input_not_found', 'demo video',
      `no demo video: GROUNDSTREAM_DATA_PATH has no video/vtest.avi and downloading ${DEMO_DOWNLOAD.url} failed (${e instanceof Error ? e.message : e})`, { cause: e });
  }
  return { path: cached, query: 'cars', origin: `downloaded (${DEMO_DOWNLOAD.license})` };
}
