import { existsSync } from 'node:fs';
import { GroundstreamError } from '../../core/errors';
import { sha256File } from '../registry/sha256-file';
import type { ModelSpec } from './model-spec';

/**
 * Checks a spec'd model file before it loads: it exists, and its sha256 is the spec's when the spec
 * gives one (a mismatch is refused with `model_checksum_mismatch`, never used). Returns the file's
 * sha256, which becomes the detector's version either way.
 *
 * @example
 * const sha256 = await verifySpecModel(spec);
 */
export async function verifySpecModel(spec: ModelSpec): Promise<string> {
  if (!existsSync(spec.file)) {
    throw new GroundstreamError('model_not_found', spec.id, `model spec ${spec.specPath}: "file" ${spec.file} not found`);
  }
  const actual = await sha256File(spec.file);
  if (spec.sha256 && actual !== spec.sha256) {
    throw new GroundstreamError(
      'model_checksum_mismatch',
      spec.id,
      `model "${spec.id}" at ${spec.file} has sha256 ${actual}, not the ${spec.sha256} its spec ${spec.specPath} gives: ` +
        'the file is damaged or another model; fix the "sha256" or the file',
    );
  }
  return actual;
}
