/** YuNet's prior (anchor) sizes per feature map, in input pixels: 4 maps, strides 8, 16, 32, 64. */
export const YUNET_MIN_SIZES: readonly (readonly number[])[] = [[10, 16, 24], [32, 48], [64, 96], [128, 192, 256]];
export const YUNET_STEPS: readonly number[] = [8, 16, 32, 64];

/**
 * YuNet's prior boxes for an input of `width × height`, 4 floats each (cx, cy, w, h as fractions of
 * the input), in the order the network emits its rows: map by map, row-major over the cells,
 * sizes innermost. The map sizes follow the network's own halvings, not ceil(size / stride): the
 * stride-4 map is ⌊⌊(h + 1) / 2⌋ / 2⌋ and each later map halves it again, rounding down, as in
 * libfacedetection's priorbox.py, OpenCV zoo's yunet.py and OpenCV's FaceDetectorYN. For 160 × 120
 * that is 20×15, 10×7, 5×3, 2×1 cells → 1076 priors.
 *
 * @example
 * createYunetPriors(160, 120).length / 4 // → 1076
 */
export function createYunetPriors(width: number, height: number): Float32Array {
  const maps: [number, number][] = [];
  let fw = Math.floor(Math.floor((width + 1) / 2) / 2);
  let fh = Math.floor(Math.floor((height + 1) / 2) / 2);
  for (let k = 0; k < YUNET_STEPS.length; k++) {
    fw = Math.floor(fw / 2);
    fh = Math.floor(fh / 2);
    maps.push([fw, fh]);
  }
  const count = maps.reduce((n, [w, h], k) => n + w * h * YUNET_MIN_SIZES[k].length, 0);
  const priors = new Float32Array(count * 4);
  let o = 0;
  maps.forEach(([fw_, fh_], k) => {
    const step = YUNET_STEPS[k];
    for (let i = 0; i < fh_; i++) {
      for (let j = 0; j < fw_; j++) {
        for (const size of YUNET_MIN_SIZES[k]) {
          priors[o++] = ((j + 0.5) * step) / width;
          priors[o++] = ((i + 0.5) * step) / height;
          priors[o++] = size / width;
          priors[o++] = size / height;
        }
      }
    }
  });
  return priors;
}
