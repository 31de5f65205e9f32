import { existsSync } from 'node:fs';
import path from 'node:path';
import { findModelEntry, MODEL_CATALOG, type ModelEntry } from '../../../models/catalog';
import { GroundstreamError } from '../../core/errors';
import { ChecksumMismatch, downloadVerified } from './download-file';
import { modelCacheDirFromEnv, modelSearchPathFromEnv } from './model-paths';
import { sha256File } from './sha256-file';

/** Where to look for a model, and whether a download may be tried. */
export interface ResolveOptions {
  /** Folders searched first, in order (default: GROUNDSTREAM_MODEL_PATH). */
  searchPath?: string[];
  /** Download cache (default: ~/.cache/groundstream/models). */
  cacheDir?: string;
  /** Try the pinned URL when no folder has the file (default true). */
  download?: boolean;
  /** Overrides the catalog entry (tests, private mirrors). */
  entry?: ModelEntry;
  signal?: AbortSignal;
}

/** A model file found on disk and verified against its pinned sha256. */
export interface ResolvedModel {
  entry: ModelEntry;
  path: string;
  origin: 'search-path' | 'cache' | 'download';
}

function entryFor(id: string, options: ResolveOptions): ModelEntry {
  const entry = options.entry ?? findModelEntry(id);
  if (!entry) {
    const known = MODEL_CATALOG.map((m) => m.id).join(', ');
    throw new GroundstreamError('model_not_found', id, `unknown model "${id}"; known models: ${known}`);
  }
  return entry;
}

async function verify(entry: ModelEntry, filePath: string): Promise<void> {
  const actual = await sha256File(filePath);
  if (actual !== entry.sha256) {
    throw new GroundstreamError(
      'model_checksum_mismatch',
      entry.id,
      `model "${entry.id}" at ${filePath} has sha256 ${actual}, not the pinned ${entry.sha256}: ` +
        'the file is damaged or another model; delete it or replace it with the pinned file',
    );
  }
}

/**
 * Finds a model file: the search path, then the user cache, then (if allowed) a download from the
 * pinned URL into the cache. Every file found is checked against the pinned sha256; a mismatch is
 * refused, never used.
 */
export async function resolveModel(id: string, options: ResolveOptions = {}): Promise<ResolvedModel> {
  const entry = entryFor(id, options);
  const searchPath = options.searchPath ?? modelSearchPathFromEnv();
  const cacheDir = options.cacheDir ?? modelCacheDirFromEnv();
  for (const dir of searchPath) {
    const candidate = path.join(dir, entry.file);
    if (existsSync(candidate)) {
      await verify(entry, candidate);
      return { entry, path: candidate, origin: 'search-path' };
    }
  }
  const cached = path.join(cacheDir, entry.file);
  if (existsSync(cached)) {
    await verify(entry, cached);
    return { entry, path: cached, origin: 'cache' };
  }
  const looked = [...searchPath, cacheDir].join(', ') || '(nothing)';
  if (options.download === false) {
    throw new GroundstreamError(
      'model_not_found',
      entry.id,
      `model "${entry.id}" (${entry.file}) is not in ${looked}; set GROUNDSTREAM_MODEL_PATH to a folder holding it, ` +
        `or run "groundstream models pull ${entry.id}" on a machine with internet`,
    );
  }
  try {
    await downloadVerified(entry.url, cached, { sha256: entry.sha256, maxBytes: entry.sizeBytes * 2 + 1024 }, options.signal);
  } catch (e) {
    if (e instanceof ChecksumMismatch) {
      throw new GroundstreamError('model_checksum_mismatch', entry.id, `download of model "${entry.id}" from ${entry.url} refused: ${e.message}`);
    }
    const reason = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
    throw new GroundstreamError(
      'model_download_failed',
      entry.id,
      `model "${entry.id}" (${entry.file}) is not in ${looked}, and downloading ${entry.url} failed (${reason}); ` +
        `set GROUNDSTREAM_MODEL_PATH to a folder holding ${entry.file}, or copy it into ${cacheDir}`,
      { cause: e },
    );
  }
  return { entry, path: cached, origin: 'download' };
}

/** Result of checking one catalog entry. */
export interface VerifyReport {
  id: string;
  status: 'ok' | 'missing' | 'mismatch';
  path?: string;
  detail?: string;
}

/** Checks every catalog model that is present locally; downloads nothing. */
export async function verifyModels(options: Omit<ResolveOptions, 'download' | 'entry'> = {}): Promise<VerifyReport[]> {
  const reports: VerifyReport[] = [];
  for (const entry of MODEL_CATALOG) {
    try {
      const r = await resolveModel(entry.id, { ...options, download: false });
      reports.push({ id: entry.id, status: 'ok', path: r.path });
    } catch (e) {
      const err = e as GroundstreamError;
      reports.push({ id: entry.id, status: err.code === 'model_checksum_mismatch' ? 'mismatch' : 'missing', detail: err.message });
    }
  }
  return reports;
}
