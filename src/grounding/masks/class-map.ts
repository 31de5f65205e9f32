/**
 * A class index per pixel, row-major. The segmenters' `SemanticMask` (src/models/segmenter.ts) has
 * this shape; it is restated here because grounding is pure and imports nothing from src/models.
 */
export interface ClassMap {
  width: number;
  height: number;
  classes: Uint8Array;
}
