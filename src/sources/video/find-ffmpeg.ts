import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { GroundstreamError } from '../../core/errors';

/** Where the ffmpeg pair came from: a per-call option, the environment, PATH, or the npm packages. */
export type FfmpegOrigin = 'option' | 'env' | 'system' | 'npm';

/** The ffmpeg and ffprobe binaries to run. */
export interface FfmpegPaths {
  ffmpegPath: string;
  ffprobePath: string;
  /** Where `ffmpegPath` came from (ffprobe is looked up the same way, possibly elsewhere). */
  origin: FfmpegOrigin;
}

/** Per-call overrides, e.g. for pointing a test at a missing binary. */
export interface FfmpegLocateOptions {
  ffmpegPath?: string;
  ffprobePath?: string;
}

interface Found {
  path: string;
  origin: FfmpegOrigin;
}

const EXE_SUFFIX = process.platform === 'win32' ? '.exe' : '';

function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name + EXE_SUFFIX);
    if (isExecutableFile(p)) return p;
  }
  return undefined;
}

function fromNpm(pkg: string): string | undefined {
  try {
    // The installer packages throw at require time on platforms they do not ship a binary for.
    const p = (require(pkg) as { path?: unknown }).path;
    return typeof p === 'string' && p.length > 0 ? p : undefined;
  } catch {
    return undefined;
  }
}

function locate(
  name: 'ffmpeg' | 'ffprobe',
  override: string | undefined,
  envValue: string | undefined,
  env: NodeJS.ProcessEnv,
  besideEnv: string | undefined,
): Found | undefined {
  if (override) return { path: override, origin: 'option' };
  if (envValue) return { path: envValue, origin: 'env' };
  // A GROUNDSTREAM_FFMPEG build usually ships its ffprobe next to it; prefer that over a mismatched one.
  if (besideEnv) {
    const beside = path.join(path.dirname(besideEnv), name + EXE_SUFFIX);
    if (isExecutableFile(beside)) return { path: beside, origin: 'env' };
  }
  const system = onPath(name, env);
  if (system) return { path: system, origin: 'system' };
  const npm = fromNpm(name === 'ffmpeg' ? '@ffmpeg-installer/ffmpeg' : '@ffprobe-installer/ffprobe');
  if (npm) return { path: npm, origin: 'npm' };
  return undefined;
}

/**
 * Finds ffmpeg and ffprobe: per-call options, then `GROUNDSTREAM_FFMPEG` / `GROUNDSTREAM_FFPROBE`,
 * then PATH, then the binaries of `@ffmpeg-installer/ffmpeg` and `@ffprobe-installer/ffprobe`.
 * Does not check that an option or environment path exists: spawning it reports `ffmpeg_missing`.
 * Throws `ffmpeg_missing` when a binary is found nowhere.
 */
export function findFfmpeg(options: FfmpegLocateOptions = {}, env: NodeJS.ProcessEnv = process.env): FfmpegPaths {
  const envFfmpeg = env.GROUNDSTREAM_FFMPEG || undefined;
  const ffmpeg = locate('ffmpeg', options.ffmpegPath, envFfmpeg, env, undefined);
  const ffprobe = locate('ffprobe', options.ffprobePath, env.GROUNDSTREAM_FFPROBE || undefined, env, envFfmpeg);
  const missing = !ffmpeg ? 'ffmpeg' : !ffprobe ? 'ffprobe' : undefined;
  if (missing || !ffmpeg || !ffprobe) {
    throw new GroundstreamError(
      'ffmpeg_missing',
      missing ?? 'ffmpeg',
      `${missing} not found (looked at GROUNDSTREAM_${missing?.toUpperCase()}, PATH and the npm installer packages): ` +
        `install ffmpeg or set GROUNDSTREAM_FFMPEG and GROUNDSTREAM_FFPROBE to the binaries`,
    );
  }
  return { ffmpegPath: ffmpeg.path, ffprobePath: ffprobe.path, origin: ffmpeg.origin };
}

/** The `ffmpeg_missing` error for a binary that could not be spawned. */
export function ffmpegMissingError(binaryPath: string, cause?: unknown): GroundstreamError {
  const name = path.basename(binaryPath).toLowerCase().startsWith('ffprobe') ? 'FFPROBE' : 'FFMPEG';
  return new GroundstreamError(
    'ffmpeg_missing',
    binaryPath,
    `cannot run ${binaryPath}: no such executable; install ffmpeg or set GROUNDSTREAM_${name} to its path`,
    { cause },
  );
}
