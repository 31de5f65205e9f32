/** Drawing on rgb24 frames: boxes, masks, text, redaction, whole annotated frames. Pure: no I/O. */
export { annotateFrame, regionColour, regionTag, type AnnotateOptions, type AnnotatedRegion, type DecodedMask, type RedactKind } from './annotate-frame';
export { blockEdges, blurRegion, pixelateBlockPx, MAX_BLOCKS_ACROSS, MIN_BLOCK_PX } from './blur-region';
export { colourFor, PALETTE, textColourOn } from './colours';
export { drawBox } from './draw-box';
export { drawText, measureText, type TextOptions, type TextSize } from './draw-text';
export { fillMask, type MaskBitmap } from './fill-mask';
export { touchedPixels, type PixelRect, type Rgb, type RgbImage } from './rgb-image';
export { CELL_HEIGHT_PX, CELL_WIDTH_PX, GLYPH_HEIGHT_PX, GLYPH_WIDTH_PX, glyphCode, glyphPixel } from './bitmap-font';
