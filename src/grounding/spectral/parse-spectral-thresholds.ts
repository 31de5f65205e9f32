import { GroundstreamError } from '../../core/errors';
import type { SpectralKind } from './spectral-mask';
import { SPECTRAL_KINDS } from './spectral-query';

/** Threshold overrides per kind. */
export type SpectralThresholds = Partial<Record<SpectralKind, number>>;

/**
 * Parses `kind=value` pairs separated by commas; a kind may be written with `_` or `-` for the
 * space (`bare_soil=0.2`).
 *
 * @example
 * parseSpectralThresholds('water=0.3, vegetation=0.4') // → { water: 0.3, vegetation: 0.4 }
 */
export function parseSpectralThresholds(spec: string): SpectralThresholds {
  const out: SpectralThresholds = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z _-]+?)\s*=\s*(\S+)$/i.exec(part);
    const kind = m?.[1].toLowerCase().replace(/[_-]/g, ' ').replace(/\s+/g, ' ');
    if (!m || !kind || !(SPECTRAL_KINDS as readonly string[]).includes(kind)) {
      throw new GroundstreamError('invalid_argument', spec, `threshold '${part}' is not kind=value with kind one of ${SPECTRAL_KINDS.join(', ')}`);
    }
    const value = Number(m[2]);
    if (!Number.isFinite(value) || value < -1 || value > 1) {
      throw new GroundstreamError('invalid_argument', spec, `threshold for ${kind} must be a number in [-1, 1] (indices are normalised differences), got '${m[2]}'`);
    }
    out[kind as SpectralKind] = value;
  }
  return out;
}
