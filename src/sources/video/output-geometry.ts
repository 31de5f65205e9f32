import type { BufferToSource } from '../../core/frame';

/** How a source frame is fitted into the output buffer. */
export type FitMode = 'stretch' | 'letterbox';

/** Where the (scaled) image lies in the output buffer, and how to map back. */
export interface OutputGeometry {
  /** Buffer size. */
  width: number;
  height: number;
  /** Size the image is scaled to; smaller than the buffer along one axis for a letterbox. */
  scaledWidth: number;
  scaledHeight: number;
  toSource: BufferToSource;
}

/**
 * Output geometry for a source frame. Stretch scales each axis to the buffer. Letterbox scales by
 * r = min(W/w, H/h) to (floor(w*r), floor(h*r)) at the top-left corner, the rest padded: the
 * YOLOX preprocessing, whose boxes map back by dividing by r.
 */
export function outputGeometry(sourceWidth: number, sourceHeight: number, width: number, height: number, fit: FitMode): OutputGeometry {
  if (fit === 'letterbox') {
    const r = Math.min(width / sourceWidth, height / sourceHeight);
    // The epsilon keeps e.g. 576 * (416 / 576) = 415.99999999999994 from flooring to 415.
    const fitted = (n: number, limit: number): number => Math.max(1, Math.min(limit, Math.floor(n * r + 1e-9)));
    return {
      width,
      height,
      scaledWidth: fitted(sourceWidth, width),
      scaledHeight: fitted(sourceHeight, height),
      toSource: { scaleX: r, scaleY: r, offsetX: 0, offsetY: 0 },
    };
  }
  return {
    width,
    height,
    scaledWidth: width,
    scaledHeight: height,
    toSource: { scaleX: width / sourceWidth, scaleY: height / sourceHeight, offsetX: 0, offsetY: 0 },
  };
}
