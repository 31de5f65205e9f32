import os from 'node:os';
import path from 'node:path';

/** Folders searched for model files: GROUNDSTREAM_MODEL_PATH (colon-separated), in order. */
export function modelSearchPathFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.GROUNDSTREAM_MODEL_PATH ?? '').split(path.delimiter).filter(Boolean).map((p) => path.resolve(p));
}

/** The user cache that downloads go to: GROUNDSTREAM_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache, + groundstream/models. */
export function modelCacheDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GROUNDSTREAM_CACHE_DIR) return path.resolve(env.GROUNDSTREAM_CACHE_DIR, 'models');
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'groundstream', 'models');
}
