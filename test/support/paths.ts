import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

function searchPath(envName: string, fallback: string): string[] {
  const fromEnv = (process.env[envName] ?? '').split(':').filter(Boolean);
  return [...fromEnv, path.resolve(repoRoot, '..', 'shared', fallback)];
}

/**
 * Absolute path of a shared data file such as `video/vtest.avi`, from GROUNDSTREAM_DATA_PATH
 * (colon-separated), then ../shared/data beside the checkout. Throws when it is nowhere: tests on
 * real data must not pass by skipping.
 */
export function dataFile(relative: string): string {
  for (const dir of searchPath('GROUNDSTREAM_DATA_PATH', 'data')) {
    const p = path.resolve(dir, relative);
    if (existsSync(p)) return p;
  }
  throw new Error(`test data ${relative} not found: set GROUNDSTREAM_DATA_PATH to the shared data folder`);
}

/** Model search path for tests: GROUNDSTREAM_MODEL_PATH entries, then ../shared/models. */
export function modelSearchPath(): string[] {
  return searchPath('GROUNDSTREAM_MODEL_PATH', 'models');
}

export const REPO_ROOT = repoRoot;
