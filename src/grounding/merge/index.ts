export { concatDetections } from './concat-detections';
export { classifyTileBox, type BoxCut } from './cut-box';
export { iosAt } from './intersection-over-smaller';
export { mergeTileDetections, type MergedDetections, type MergeTileOptions, type TileDetections } from './merge-tile-detections';
export { shiftToScene } from './shift-to-scene';
