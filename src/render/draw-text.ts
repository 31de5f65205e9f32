import { CELL_HEIGHT_PX, CELL_WIDTH_PX, GLYPH_HEIGHT_PX, GLYPH_WIDTH_PX, glyphCode, glyphPixel } from './bitmap-font';
import { checkRgbImage, clipRect, fillRect, type PixelRect, type Rgb, type RgbImage } from './rgb-image';

/** Options of {@link drawText}. */
export interface TextOptions {
  /** Whole-number magnification of the 5x7 font (default 1: glyphs 5x7 px, lines 8 px apart). */
  scale?: number;
  /** Fills the text's box (plus `paddingPx` around it) with this colour first, for legibility. */
  background?: Rgb;
  /** Margin of the background around the ink, in image pixels (default: `scale`). */
  paddingPx?: number;
}

/** Size of a text's ink box, in image pixels. */
export interface TextSize {
  widthPx: number;
  heightPx: number;
}

function lines(text: string): string[][] {
  // Split by code point, so a character outside the BMP becomes one '?' rather than two.
  return text.split('\n').map((line) => Array.from(line));
}

function fontScale(scale: number | undefined): number {
  return Math.max(1, Math.round(scale ?? 1));
}

/**
 * Size of the ink box `drawText` would draw `text` in (`\n` starts a new line): characters advance
 * 6 px and lines 8 px (times `scale`), less the blank column and row after the last ones.
 *
 * @example
 * measureText('person 4', 2); // { widthPx: 94, heightPx: 14 }
 */
export function measureText(text: string, scale = 1): TextSize {
  const s = fontScale(scale);
  const ls = lines(text);
  const maxChars = Math.max(0, ...ls.map((l) => l.length));
  if (maxChars === 0) return { widthPx: 0, heightPx: 0 };
  return { widthPx: (maxChars * CELL_WIDTH_PX - 1) * s, heightPx: (ls.length * CELL_HEIGHT_PX - 1) * s };
}

/**
 * Draws `text` in place with the built-in 5x7 ASCII font, its ink box's top-left corner at
 * (`xPx`, `yPx`). Characters outside printable ASCII are drawn as '?'; `\n` starts a new line;
 * whatever falls outside the image is clipped. Returns the box drawn over (background included),
 * before clipping.
 *
 * @example
 * const img = { width: 100, height: 20, pixels: new Uint8Array(100 * 20 * 3) };
 * drawText(img, 2, 2, 'person 4 0.87', [255, 255, 255], { background: [200, 0, 0] });
 */
export function drawText(img: RgbImage, xPx: number, yPx: number, text: string, rgb: Rgb, options: TextOptions = {}): PixelRect {
  checkRgbImage(img, 'drawText');
  const s = fontScale(options.scale);
  const x = Math.round(xPx);
  const y = Math.round(yPx);
  const size = measureText(text, s);
  let box: PixelRect = { x0: x, y0: y, x1: x + size.widthPx, y1: y + size.heightPx };
  if (options.background) {
    const pad = Math.max(0, Math.round(options.paddingPx ?? s));
    box = { x0: box.x0 - pad, y0: box.y0 - pad, x1: box.x1 + pad, y1: box.y1 + pad };
    if (size.widthPx > 0) fillRect(img, clipRect(img, box), options.background);
  }
  lines(text).forEach((chars, lineIndex) => {
    const top = y + lineIndex * CELL_HEIGHT_PX * s;
    chars.forEach((ch, charIndex) => {
      const code = glyphCode(ch);
      const left = x + charIndex * CELL_WIDTH_PX * s;
      for (let row = 0; row < GLYPH_HEIGHT_PX; row++) {
        for (let col = 0; col < GLYPH_WIDTH_PX; col++) {
          if (!glyphPixel(code, col, row)) continue;
          const dot = { x0: left + col * s, y0: top + row * s, x1: left + (col + 1) * s, y1: top + (row + 1) * s };
          fillRect(img, clipRect(img, dot), rgb);
        }
      }
    });
  });
  return box;
}
