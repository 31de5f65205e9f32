import { readFileSync } from 'node:fs';
import { GroundstreamError } from '../../core/errors';
import { findModelSpecFiles } from './find-model-specs';
import { loadModelSpec } from './load-model-spec';
import type { ModelSpec } from './model-spec';

/** Options of {@link createSpecCatalog}. */
export interface SpecCatalogOptions {
  /** Spec files named by the user (`--model-spec`): read at once, any problem thrown. */
  specPaths?: readonly string[];
  /** Model folders: their `*.model.json` are read on first use; bare `file` names are looked up here. */
  searchPath: readonly string[];
  /** Ids a spec may not take (the registry's). */
  isReserved(id: string): boolean;
}

/** The model specs an engine knows. */
export interface SpecCatalog {
  /** The spec of `id`; undefined when none. Throws that spec's own error when it is invalid. */
  find(id: string): ModelSpec | undefined;
  ids(): string[];
  /** Spec files on the model path that were skipped, each with why. */
  problems(): string[];
}

/** The id a broken spec file meant, when its JSON can say: so selecting it shows the real error. */
function intendedId(file: string): string | undefined {
  try {
    const id = (JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Collects model specs from explicit files and from `*.model.json` on the model path. Explicit specs
 * are validated now and fail loudly (the user asked for them); a spec found on the model path that
 * is broken is kept aside, and its error is thrown only when its id is selected. Explicit specs win
 * an id over found ones, and the first folder wins among found ones; no spec may take a registry id.
 *
 * @example
 * const specs = createSpecCatalog({ specPaths: ['dota.model.json'], searchPath: ['/models'], isReserved: (id) => !!findModelEntry(id) });
 * specs.find('yolov8s-dota');
 */
export function createSpecCatalog(options: SpecCatalogOptions): SpecCatalog {
  const specs = new Map<string, ModelSpec>();
  for (const file of options.specPaths ?? []) {
    const spec = loadModelSpec(file, { searchPath: options.searchPath });
    if (options.isReserved(spec.id)) {
      throw new GroundstreamError('invalid_argument', spec.specPath, `model spec ${spec.specPath}: "id" "${spec.id}" is a registry model; choose another id`);
    }
    const twin = specs.get(spec.id);
    if (twin) {
      throw new GroundstreamError('invalid_argument', spec.specPath, `model spec ${spec.specPath}: "id" "${spec.id}" is also defined by ${twin.specPath}`);
    }
    specs.set(spec.id, spec);
  }

  const broken = new Map<string, GroundstreamError>();
  const skipped: string[] = [];
  let scanned = false;
  const scan = (): void => {
    if (scanned) return;
    scanned = true;
    const explicitFiles = new Set([...specs.values()].map((s) => s.specPath));
    for (const file of findModelSpecFiles(options.searchPath)) {
      if (explicitFiles.has(file)) continue; // also given with --model-spec
      try {
        const spec = loadModelSpec(file, { searchPath: options.searchPath });
        if (options.isReserved(spec.id)) throw new GroundstreamError('invalid_argument', file, `model spec ${file}: "id" "${spec.id}" is a registry model; choose another id`);
        if (specs.has(spec.id)) skipped.push(`${file}: id "${spec.id}" already defined by ${specs.get(spec.id)!.specPath}`);
        else specs.set(spec.id, spec);
      } catch (e) {
        const err = e instanceof GroundstreamError ? e : new GroundstreamError('invalid_argument', file, `model spec ${file}: ${(e as Error).message}`);
        skipped.push(err.message);
        const id = intendedId(file);
        if (id && !options.isReserved(id) && !specs.has(id) && !broken.has(id)) broken.set(id, err);
      }
    }
  };

  return {
    find(id) {
      const explicit = specs.get(id);
      if (explicit) return explicit;
      scan();
      const err = broken.get(id);
      if (err) throw err;
      return specs.get(id);
    },
    ids() {
      scan();
      return [...specs.keys()];
    },
    problems() {
      scan();
      return [...skipped];
    },
  };
}
