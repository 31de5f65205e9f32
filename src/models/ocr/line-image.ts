/** A text-line image cut from a frame: packed B, G, R floats on the 0..255 scale, row by row. */
export interface LineImage {
  width: number;
  height: number;
  data: Float32Array;
}

/**
 * The line turned by 180° (text the direction classifier found upside down).
 *
 * @example
 * rotateLine180({ width: 2, height: 1, data: Float32Array.of(1, 2, 3, 4, 5, 6) }).data; // [4, 5, 6, 1, 2, 3]
 */
export function rotateLine180(line: LineImage): LineImage {
  const n = line.width * line.height;
  const data = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const j = n - 1 - i;
    data[j * 3] = line.data[i * 3];
    data[j * 3 + 1] = line.data[i * 3 + 1];
    data[j * 3 + 2] = line.data[i * 3 + 2];
  }
  return { width: line.width, height: line.height, data };
}
