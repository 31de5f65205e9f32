export { assembleTileMasks, unionWindow, vectorizeTileMasks, type TileMask } from './assemble-tile-masks';
export { ringSignedArea2, type Ring } from './ring';
export { simplifyRing } from './simplify-ring';
export { vectorizeMask, type MaskPolygon, type VectorizeOptions } from './vectorize-mask';
