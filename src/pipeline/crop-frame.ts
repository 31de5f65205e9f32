import type { Frame } from '../core/frame';
import type { PixelWindow } from '../geo/tile-grid';

/**
 * A window of a frame as a frame of its own (pixels copied; buffer = window, `toSource` identity),
 * in the same layout. Used to run a detector on tiles of a large frame.
 *
 * @example
 * cropFrame(frame4k, { x0: 288, y0: 0, x1: 704, y1: 416 }) // → a 416x416 frame
 */
export function cropFrame(frame: Frame, window: PixelWindow): Frame {
  const w = window.x1 - window.x0;
  const h = window.y1 - window.y0;
  if (window.x0 < 0 || window.y0 < 0 || window.x1 > frame.width || window.y1 > frame.height || w <= 0 || h <= 0) {
    throw new RangeError(`window ${JSON.stringify(window)} is not inside the ${frame.width}x${frame.height} frame`);
  }
  const pixels = new Uint8Array(w * h * 3);
  if (frame.layout === 'gbrp') {
    const plane = frame.width * frame.height;
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < h; y++) {
        const from = c * plane + (window.y0 + y) * frame.width + window.x0;
        pixels.set(frame.pixels.subarray(from, from + w), c * w * h + y * w);
      }
    }
  } else {
    for (let y = 0; y < h; y++) {
      const from = ((window.y0 + y) * frame.width + window.x0) * 3;
      pixels.set(frame.pixels.subarray(from, from + w * 3), y * w * 3);
    }
  }
  return { ...frame, width: w, height: h, pixels, sourceWidth: w, sourceHeight: h, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}
