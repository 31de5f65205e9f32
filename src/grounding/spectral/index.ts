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
