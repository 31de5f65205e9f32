import type { BufferToSource, Frame } from '../../core/frame';

/** A model-ready NCHW float tensor (BGR planes, 0..255) and how its pixels map to the source. */
export interface YoloxInput {
  data: Float32Array;
  size: number;
  toSource: BufferToSource;
}

function channelOffsets(layout: Frame['layout']): { b: number; g: number; r: number; packed: boolean } {
  switch (layout) {
    case 'rgb24': return { r: 0, g: 1, b: 2, packed: true };
    case 'bgr24': return { b: 0, g: 1, r: 2, packed: true };
    case 'gbrp': return { g: 0, b: 1, r: 2, packed: false };
  }
}

/**
 * Letterboxes a frame for YOLOX: scaled by r = min(size/w, size/h) to (floor(w·r), floor(h·r)) at
 * the top-left, the rest filled with `padValue`, as BGR planes of 0..255 floats. A frame that a
 * source already letterboxed to `size` in planar `gbrp` is copied plane by plane, with no resampling.
 * Resampling is bilinear with half-pixel centres (as OpenCV's INTER_LINEAR).
 *
 * @example
 * const { data, toSource } = toYoloxInput(frame, 416);
 */
export function toYoloxInput(frame: Frame, size: number, padValue = 114): YoloxInput {
  const plane = size * size;
  const data = new Float32Array(3 * plane);
  if (frame.width === size && frame.height === size && frame.layout === 'gbrp') {
    // TypedArray.set converts uint8 → float32 natively: far faster than a per-pixel loop.
    data.set(frame.pixels.subarray(plane, 2 * plane), 0); // B
    data.set(frame.pixels.subarray(0, plane), plane); // G
    data.set(frame.pixels.subarray(2 * plane, 3 * plane), 2 * plane); // R
    return { data, size, toSource: frame.toSource };
  }
  const w = frame.width;
  const h = frame.height;
  const r = Math.min(size / w, size / h);
  const nw = Math.max(1, Math.floor(w * r));
  const nh = Math.max(1, Math.floor(h * r));
  data.fill(padValue);
  const { b, g, r: red, packed } = channelOffsets(frame.layout);
  const px = frame.pixels;
  const fw = w * h;
  const sample = (x: number, y: number, c: number): number => (packed ? px[(y * w + x) * 3 + c] : px[c * fw + y * w + x]);
  const sx = w / nw;
  const sy = h / nh;
  for (let y = 0; y < nh; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, h - 1);
    const wy = fy - y0;
    for (let x = 0; x < nw; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, w - 1);
      const wx = fx - x0;
      const o = y * size + x;
      const channels = [b, g, red];
      for (let k = 0; k < 3; k++) {
        const c = channels[k];
        const top = sample(x0, y0, c) * (1 - wx) + sample(x1, y0, c) * wx;
        const bottom = sample(x0, y1, c) * (1 - wx) + sample(x1, y1, c) * wx;
        data[k * plane + o] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  // Compose: tensor pixel → frame buffer pixel (÷ scale) → source pixel (frame.toSource).
  const t = frame.toSource;
  const toSource: BufferToSource = {
    scaleX: (nw / w) * t.scaleX,
    scaleY: (nh / h) * t.scaleY,
    offsetX: (nw / w) * t.offsetX,
    offsetY: (nh / h) * t.offsetY,
  };
  return { data, size, toSource };
}
