import { checkRgbImage, clipRect, fillRect, type PixelRect, type Rgb, type RgbImage } from './rgb-image';

/**
 * Draws the outline of an xyxy box (pixels of the image, pixel-corner convention) in place,
 * `thicknessPx` wide and growing inwards from the box's edge, so a box that hugs an object does
 * not cover its surroundings. The outline runs over every pixel the box edge touches (x0 = 10.5
 * starts at pixel column 10). Edges outside the image are not drawn (a box cut by the frame border
 * shows open on that side, rather than pretending the object ends there).
 *
 * @example
 * const img = { width: 64, height: 48, pixels: new Uint8Array(64 * 48 * 3) };
 * drawBox(img, [8, 8, 40, 30], [255, 0, 0], 2); // red 2 px outline from (8,8) to (39,29)
 */
export function drawBox(img: RgbImage, xyxy: ArrayLike<number>, rgb: Rgb, thicknessPx = 2): void {
  checkRgbImage(img, 'drawBox');
  const x0 = Math.floor(xyxy[0]);
  const y0 = Math.floor(xyxy[1]);
  const x1 = Math.ceil(xyxy[2]);
  const y1 = Math.ceil(xyxy[3]);
  if (!(x1 > x0 && y1 > y0)) return;
  // Thicker than half the box would overlap itself; the box is then simply filled.
  const t = Math.max(1, Math.min(Math.round(thicknessPx), Math.ceil((x1 - x0) / 2), Math.ceil((y1 - y0) / 2)));
  const bands: PixelRect[] = [
    { x0, y0, x1, y1: y0 + t },
    { x0, y0: y1 - t, x1, y1 },
    { x0, y0: y0 + t, x1: x0 + t, y1: y1 - t },
    { x0: x1 - t, y0: y0 + t, x1, y1: y1 - t },
  ];
  for (const band of bands) fillRect(img, clipRect(img, band), rgb);
}
