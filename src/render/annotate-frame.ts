import type { Region } from '../core/events';
import { IDENTITY_TO_SOURCE, type BufferToSource } from '../core/frame';
import { blurRegion } from './blur-region';
import { colourFor, textColourOn } from './colours';
import { drawBox } from './draw-box';
import { drawText, measureText, type TextSize } from './draw-text';
import { fillMask, type MaskBitmap } from './fill-mask';
import { checkRgbImage, clipRect, type PixelRect, type Rgb, type RgbImage } from './rgb-image';
import { CELL_HEIGHT_PX, CELL_WIDTH_PX } from './bitmap-font';

/** What `redact` hides: regions labelled `face`, or `person`. */
export type RedactKind = 'faces' | 'persons';

/** The fields of a Region that annotation reads; a full `Region` is one. */
export type AnnotatedRegion = Pick<Region, 'box' | 'label'> & Partial<Pick<Region, 'score' | 'trackId' | 'mask' | 'text' | 'regionId'>>;

/**
 * A decoded mask: row-major, non-zero inside. A bare Uint8Array is taken to be of the size its
 * region's RLE declares (`mask.size` = [height, width], the source frame's), else of the image's.
 */
export type DecodedMask = Uint8Array | MaskBitmap;

/** Options of {@link annotateFrame}. */
export interface AnnotateOptions<R extends AnnotatedRegion = AnnotatedRegion> {
  /** Lines of text drawn at the bottom of the frame, wrapped to its width (e.g. the event's captions). */
  captions?: readonly string[];
  /** Pixelate regions labelled `face` ('faces') and/or `person` ('persons') before anything is drawn. */
  redact?: readonly RedactKind[];
  /**
   * Decodes a region's mask (COCO RLE in `region.mask`) to a row-major bitmap; regions it answers
   * undefined for, and all regions when it is absent, get no mask fill. Injected so that rendering
   * stays independent of the RLE codec.
   */
  decodeMask?: (region: R) => DecodedMask | undefined;
  /** Opacity of mask fills, 0 to 1 (default 0.4). */
  maskAlpha?: number;
  /** Colour each region by its track id, its label, or (`auto`, the default) the track id when it has one. */
  colourBy?: 'auto' | 'track' | 'label';
  /** Box outline width (default: 1 px per 250 px of the shorter image side, at least 1). */
  thicknessPx?: number;
  /** Font magnification for tags and captions (default: 1 per 300 px of the shorter side, at least 1). */
  textScale?: number;
  /** Draw the "label track score" tag of each box (default true). */
  tags?: boolean;
  /**
   * How the image's pixels map to the source frame's, when the image is a scaled or letterboxed
   * buffer (a Frame's `toSource`). Region boxes and masks are in source pixels. Default: identity.
   */
  toSource?: BufferToSource;
}

const REDACTED_LABEL: Record<RedactKind, string> = { faces: 'face', persons: 'person' };
const CAPTION_BACKGROUND: Rgb = [0, 0, 0];
const CAPTION_TEXT: Rgb = [255, 255, 255];
const CAPTION_SHADE_ALPHA = 0.6;

/**
 * The tag of a region: label, track id when tracked, score with two decimals, then any OCR text.
 *
 * @example
 * regionTag({ box: [0, 0, 9, 9], label: 'person', trackId: 4, score: 0.871 }); // 'person 4 0.87'
 */
export function regionTag(region: AnnotatedRegion): string {
  const parts = [region.label || 'region'];
  if (region.trackId !== undefined && region.trackId > 0) parts.push(String(region.trackId));
  if (region.score !== undefined && Number.isFinite(region.score)) parts.push(region.score.toFixed(2));
  if (region.text) parts.push(`"${region.text}"`);
  return parts.join(' ');
}

/**
 * The colour of a region under a `colourBy` choice.
 *
 * @example
 * regionColour({ box: [0, 0, 9, 9], label: 'person', trackId: 4 }); // colourFor(4)
 */
export function regionColour(region: AnnotatedRegion, colourBy: 'auto' | 'track' | 'label' = 'auto'): Rgb {
  const tracked = region.trackId !== undefined && region.trackId > 0;
  if (colourBy === 'track' || (colourBy === 'auto' && tracked)) return colourFor(region.trackId ?? 0);
  return colourFor(region.label);
}

function toBufferBox(box: readonly number[], t: BufferToSource): number[] {
  return [box[0] * t.scaleX + t.offsetX, box[1] * t.scaleY + t.offsetY, box[2] * t.scaleX + t.offsetX, box[3] * t.scaleY + t.offsetY];
}

function isIdentity(t: BufferToSource): boolean {
  return t.scaleX === 1 && t.scaleY === 1 && t.offsetX === 0 && t.offsetY === 0;
}

/** Puts a source-sized mask onto the image's pixel grid through `toSource` (nearest neighbour). */
function maskOnImage(img: RgbImage, mask: MaskBitmap, t: BufferToSource): Uint8Array {
  const out = new Uint8Array(img.width * img.height);
  for (let y = 0; y < img.height; y++) {
    const my = Math.floor((y + 0.5 - t.offsetY) / t.scaleY);
    if (my < 0 || my >= mask.height) continue;
    for (let x = 0; x < img.width; x++) {
      const mx = Math.floor((x + 0.5 - t.offsetX) / t.scaleX);
      if (mx >= 0 && mx < mask.width && mask.data[my * mask.width + mx] !== 0) out[y * img.width + x] = 1;
    }
  }
  return out;
}

function asBitmap(img: RgbImage, region: AnnotatedRegion, decoded: DecodedMask): MaskBitmap {
  if (!(decoded instanceof Uint8Array)) return decoded;
  const [h, w] = region.mask?.size ?? [];
  if (h !== undefined && w !== undefined && decoded.length === h * w) return { width: w, height: h, data: decoded };
  return { width: img.width, height: img.height, data: decoded };
}

/** Blends a rectangle towards `rgb` (a translucent band behind text). */
function shadeRect(img: RgbImage, r: PixelRect, rgb: Rgb, alpha: number): void {
  const { pixels, width } = img;
  for (let y = r.y0; y < r.y1; y++) {
    for (let x = r.x0, i = (y * width + x) * 3; x < r.x1; x++, i += 3) {
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(pixels[i + c] * (1 - alpha) + rgb[c] * alpha);
    }
  }
}

/** Greedy word wrap to `maxChars` a line; words longer than a line are cut. */
function wrap(text: string, maxChars: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = Array.from(word);
      while (rest.length > 0) {
        const sep = line ? 1 : 0;
        const room = maxChars - Array.from(line).length - sep;
        if (rest.length <= room) {
          line += (sep ? ' ' : '') + rest.join('');
          rest = [];
        } else if (line) {
          out.push(line);
          line = '';
        } else {
          out.push(rest.slice(0, maxChars).join(''));
          rest = rest.slice(maxChars);
        }
      }
    }
    if (line) out.push(line);
  }
  return out;
}

/**
 * Where a tag goes (its background box, padding `padPx` around the ink): above the box, else just
 * inside its top edge, below it, or inside its bottom edge: the first spot inside the image that
 * overlaps no tag placed before (a face's tag would otherwise hide its person's), else the first
 * spot inside the image. Never off the image's sides.
 */
function placeTag(img: RgbImage, box: readonly number[], size: TextSize, padPx: number, placed: readonly PixelRect[]): PixelRect {
  const w = size.widthPx + 2 * padPx;
  const h = size.heightPx + 2 * padPx;
  const x0 = Math.max(0, Math.min(Math.floor(box[0]), img.width - w));
  const top = Math.floor(box[1]);
  const bottom = Math.ceil(box[3]);
  const candidates = [top - h, top, bottom, bottom - h]
    .filter((y) => y >= 0 && y + h <= img.height)
    .map((y) => ({ x0, y0: y, x1: x0 + w, y1: y + h }));
  const overlaps = (a: PixelRect, b: PixelRect): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  const free = candidates.find((c) => !placed.some((p) => overlaps(c, p)));
  return free ?? candidates[0] ?? { x0, y0: Math.max(0, top), x1: x0 + w, y1: Math.max(0, top) + h };
}

/**
 * Draws a frame's results on its rgb24 pixels, in place, in this order:
 * 1. redaction: regions labelled `face` / `person` (per `redact`) are pixelated (`blurRegion`), first,
 *    so nothing drawn later (mask tint, box, tag) is over un-redacted pixels;
 * 2. mask fills (when `decodeMask` gives one), translucent in the region's colour;
 * 3. box outlines;
 * 4. tags ("person 4 0.87": label, track id, score) above each box (else inside or below it, where
 *    they hide no earlier tag), inside the image;
 * 5. caption lines, wrapped, on a dark band at the bottom.
 * Colours are fixed per track id (or label), so a track keeps its colour from frame to frame.
 *
 * @example
 * annotateFrame(frame, event.regions, {
 *   captions: event.captions.map((c) => c.text),
 *   redact: ['faces'],
 *   decodeMask: (r) => (r.mask ? decodeRleRowMajor(r.mask) : undefined),
 *   toSource: frame.toSource,
 * });
 */
export function annotateFrame<R extends AnnotatedRegion>(img: RgbImage, regions: readonly R[], options: AnnotateOptions<R> = {}): void {
  checkRgbImage(img, 'annotateFrame');
  const t = options.toSource ?? IDENTITY_TO_SOURCE;
  const shorterSide = Math.min(img.width, img.height);
  const thicknessPx = options.thicknessPx ?? Math.max(1, Math.round(shorterSide / 250));
  const scale = Math.max(1, Math.round(options.textScale ?? Math.max(1, Math.round(shorterSide / 300))));
  const redactLabels = new Set((options.redact ?? []).map((k) => REDACTED_LABEL[k]));
  const boxes = regions.map((r) => toBufferBox(r.box, t));
  const colours = regions.map((r) => regionColour(r, options.colourBy));

  regions.forEach((r, i) => {
    if (redactLabels.has(r.label.trim().toLowerCase())) blurRegion(img, boxes[i]);
  });

  if (options.decodeMask) {
    const alpha = options.maskAlpha ?? 0.4;
    regions.forEach((r, i) => {
      const decoded = options.decodeMask?.(r);
      if (!decoded) return;
      const bitmap = asBitmap(img, r, decoded);
      fillMask(img, isIdentity(t) ? bitmap : maskOnImage(img, bitmap, t), colours[i], alpha);
    });
  }

  regions.forEach((_, i) => drawBox(img, boxes[i], colours[i], thicknessPx));

  if (options.tags ?? true) {
    const placed: PixelRect[] = [];
    regions.forEach((r, i) => {
      const text = regionTag(r);
      const rect = placeTag(img, boxes[i], measureText(text, scale), scale, placed);
      placed.push(rect);
      drawText(img, rect.x0 + scale, rect.y0 + scale, text, textColourOn(colours[i]), { scale, background: colours[i], paddingPx: scale });
    });
  }

  const captions = options.captions ?? [];
  if (captions.length > 0) {
    const pad = 2 * scale;
    const maxChars = Math.max(1, Math.floor((img.width - 2 * pad + scale) / (CELL_WIDTH_PX * scale)));
    const lines = captions.flatMap((c) => wrap(c, maxChars));
    const lineHeightPx = CELL_HEIGHT_PX * scale;
    const bandTop = img.height - lines.length * lineHeightPx - 2 * pad + scale;
    shadeRect(img, clipRect(img, { x0: 0, y0: bandTop, x1: img.width, y1: img.height }), CAPTION_BACKGROUND, CAPTION_SHADE_ALPHA);
    lines.forEach((line, k) => drawText(img, pad, bandTop + pad + k * lineHeightPx, line, CAPTION_TEXT, { scale }));
  }
}
