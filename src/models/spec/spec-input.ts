import type { BufferToSource, Frame } from '../../core/frame';
import type { ModelSpecInput } from './model-spec';

/** A model-ready float tensor and how its pixels map back to the source. */
export interface SpecTensor {
  data: Float32Array;
  dims: number[];
  toSource: BufferToSource;
}

/** Where each of a frame's R, G, B values sits: packed (stride 3) or planar (G, B, R planes). */
function channelIndex(layout: Frame['layout']): { r: number; g: number; b: number; packed: boolean } {
  switch (layout) {
    case 'rgb24': return { r: 0, g: 1, b: 2, packed: true };
    case 'bgr24': return { b: 0, g: 1, r: 2, packed: true };
    case 'gbrp': return { g: 0, b: 1, r: 2, packed: false };
  }
}

/**
 * Prepares a frame for a spec'd model: fitted to `width × height` (letterbox at the top-left with
 * `padValue`, or stretch), bilinear with half-pixel centres (OpenCV INTER_LINEAR), channels in
 * `colorOrder`, value = (pixel − mean) / std, laid out NCHW or NHWC. A frame that already has the
 * model size (a source scaled it for {@link Detector.inputFormat}) is only normalised, and planar
 * `gbrp` into NCHW with identity normalisation is copied plane by plane. `reuse`, an array of the
 * tensor's length that an earlier call returned and the caller no longer needs, is written over
 * instead of a new one: a fresh 2 MB array per frame costs more than the conversion (page faults, GC).
 *
 * @example
 * const { data, dims, toSource } = toSpecTensor(frame, spec.input);
 */
export function toSpecTensor(frame: Frame, input: ModelSpecInput, reuse?: Float32Array): SpecTensor {
  const W = input.width;
  const H = input.height;
  const plane = W * H;
  const nchw = input.layout === 'NCHW';
  const dims = nchw ? [1, 3, H, W] : [1, H, W, 3];
  const data = reuse?.length === 3 * plane ? reuse : new Float32Array(3 * plane);
  const ch = channelIndex(frame.layout);
  const order = input.colorOrder === 'RGB' ? [ch.r, ch.g, ch.b] : [ch.b, ch.g, ch.r];
  const scale = input.std.map((s) => 1 / s);
  const bias = input.mean.map((m, k) => -m * scale[k]);
  const identity = scale.every((s) => s === 1) && bias.every((b) => b === 0);
  // Tensor index of channel k at pixel i.
  const at = nchw ? (i: number, k: number) => k * plane + i : (i: number, k: number) => i * 3 + k;

  if (frame.width === W && frame.height === H) {
    const px = frame.pixels;
    if (!ch.packed && nchw && identity) {
      // TypedArray.set converts uint8 → float32 natively: far faster than a per-pixel loop.
      for (let k = 0; k < 3; k++) data.set(px.subarray(order[k] * plane, (order[k] + 1) * plane), k * plane);
    } else {
      for (let i = 0; i < plane; i++) {
        for (let k = 0; k < 3; k++) {
          const v = ch.packed ? px[i * 3 + order[k]] : px[order[k] * plane + i];
          data[at(i, k)] = v * scale[k] + bias[k];
        }
      }
    }
    return { data, dims, toSource: frame.toSource };
  }

  const w = frame.width;
  const h = frame.height;
  let nw = W;
  let nh = H;
  if (input.resize === 'letterbox') {
    const r = Math.min(W / w, H / h);
    // The epsilon keeps e.g. 576 · (416 / 576) = 415.99999999999994 from flooring to 415 (as the sources do).
    nw = Math.max(1, Math.min(W, Math.floor(w * r + 1e-9)));
    nh = Math.max(1, Math.min(H, Math.floor(h * r + 1e-9)));
    for (let k = 0; k < 3; k++) {
      const pad = input.padValue * scale[k] + bias[k];
      for (let i = 0; i < plane; i++) data[at(i, k)] = pad;
    }
  }
  const px = frame.pixels;
  const fw = w * h;
  const sample = (x: number, y: number, c: number): number => (ch.packed ? px[(y * w + x) * 3 + c] : px[c * fw + y * w + x]);
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
      const i = y * W + x;
      for (let k = 0; k < 3; k++) {
        const c = order[k];
        const top = sample(x0, y0, c) * (1 - wx) + sample(x1, y0, c) * wx;
        const bottom = sample(x0, y1, c) * (1 - wx) + sample(x1, y1, c) * wx;
        data[at(i, k)] = (top * (1 - wy) + bottom * wy) * scale[k] + bias[k];
      }
    }
  }
  // Compose: tensor pixel → frame buffer pixel (÷ scale) → source pixel (frame.toSource).
  const t = frame.toSource;
  const kx = nw / w;
  const ky = nh / h;
  return { data, dims, toSource: { scaleX: kx * t.scaleX, scaleY: ky * t.scaleY, offsetX: kx * t.offsetX, offsetY: ky * t.offsetY } };
}
