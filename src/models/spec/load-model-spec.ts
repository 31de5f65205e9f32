import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GroundstreamError } from '../../core/errors';
import type { ModelSpec } from './model-spec';
import { parseModelSpec } from './parse-model-spec';

/** Options of {@link loadModelSpec}. */
export interface LoadModelSpecOptions {
  /** Folders where a bare `file` name not beside the spec is looked for (the model search path). */
  searchPath?: readonly string[];
}

function readText(specPath: string, file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new GroundstreamError('invalid_argument', specPath, `model spec ${specPath}: cannot read ${what} ${file} (${reason})`, { cause: e });
  }
}

/** Labels from a file: a JSON array of strings, or one label a line (blank lines skipped). */
function readLabels(specPath: string, file: string): string[] {
  const text = readText(specPath, file, '"labelsFile"');
  const labels = text.trimStart().startsWith('[') ? (JSON.parse(text) as unknown) : text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => typeof l === 'string' && l.trim() !== '')) {
    throw new GroundstreamError('invalid_argument', specPath, `model spec ${specPath}: "labelsFile" ${file} must hold a JSON array of strings or one label a line`);
  }
  return labels;
}

/**
 * Reads and validates a JSON model spec (format: {@link ModelSpec}), resolving `file` and
 * `labelsFile` against the spec's folder. A bare file name not beside the spec is looked for in
 * `searchPath`, so a spec can name a model that lives on GROUNDSTREAM_MODEL_PATH. Synchronous: specs
 * are small and are read once when an engine starts. The weights' sha256 is checked later, when the
 * model loads ({@link verifySpecModel}).
 *
 * @example
 * const spec = loadModelSpec('specs/dota.model.json', { searchPath: ['/models'] });
 */
export function loadModelSpec(specFile: string, options: LoadModelSpecOptions = {}): ModelSpec {
  const specPath = path.resolve(specFile);
  if (!existsSync(specPath)) throw new GroundstreamError('invalid_argument', specPath, `model spec ${specPath} does not exist`);
  let raw: unknown;
  try {
    raw = JSON.parse(readText(specPath, specPath, 'the spec'));
  } catch (e) {
    if (e instanceof GroundstreamError) throw e;
    throw new GroundstreamError('invalid_argument', specPath, `model spec ${specPath} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const parsed = parseModelSpec(raw, specPath);
  const dir = path.dirname(specPath);
  const { labelsFile, ...rest } = parsed;
  const labels = parsed.labels ?? readLabels(specPath, path.resolve(dir, labelsFile!));

  const besideSpec = path.resolve(dir, parsed.file);
  const bare = !path.isAbsolute(parsed.file) && path.basename(parsed.file) === parsed.file;
  const candidates = [besideSpec, ...(bare ? (options.searchPath ?? []).map((d) => path.resolve(d, parsed.file)) : [])];
  const file = candidates.find((c) => existsSync(c));
  if (!file) {
    throw new GroundstreamError('model_not_found', parsed.id, `model spec ${specPath}: "file" ${parsed.file} not found (looked at ${candidates.join(', ')})`);
  }
  return { ...rest, labels, file };
}
