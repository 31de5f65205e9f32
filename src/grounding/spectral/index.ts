export { BAND_ROLES, bandRolesForSensor, parseBandRoles, type BandRole, type BandRoles, type Sensor, type SensorBandRoles } from './band-roles';
export { bsi, mndwi, ndvi, ndwi, normalizedDifference, type BandArray, type IndexOptions } from './spectral-indices';
export {
  SPECTRAL_THRESHOLDS,
  spectralMask,
  type BandsByRole,
  type SpectralIndexName,
  type SpectralKind,
  type SpectralMaskFound,
  type SpectralMaskOptions,
  type SpectralMaskResult,
  type SpectralMaskUnavailable,
} from './spectral-mask';
export { meanInsideRings } from './mean-inside-rings';
export { parseSpectralThresholds, type SpectralThresholds } from './parse-spectral-thresholds';
export { resolveBandRoles, type BandRoleInputs, type ResolvedBandRoles } from './resolve-band-roles';
export { createSpectralGrounder, SPECTRAL_KINDS, SPECTRAL_LABEL_SENSES, splitQueryPlan, type SplitQueryPlan } from './spectral-query';
