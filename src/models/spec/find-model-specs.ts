import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Spec files a folder on the model path may hold. */
export const MODEL_SPEC_SUFFIX = '.model.json';

/**
 * The `*.model.json` files directly inside each folder, folders in order and names sorted within
 * each, so that the first folder wins an id that two of them define (as for model files).
 * Missing or unreadable folders are skipped: the model path often lists folders that hold no specs.
 *
 * @example
 * findModelSpecFiles(['/models']); // → ['/models/dota.model.json']
 */
export function findModelSpecFiles(folders: readonly string[]): string[] {
  const found: string[] = [];
  for (const dir of folders) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names.filter((n) => n.endsWith(MODEL_SPEC_SUFFIX)).sort()) found.push(path.resolve(dir, n));
  }
  return found;
}
