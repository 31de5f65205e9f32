import type { Quad } from './point';

/**
 * Indices of text boxes in reading order, as PaddleOCR sorts them: by the top-left corner's y, then
 * x; then a box whose top is within `toleranceY` of the previous box's and lies to its left moves
 * before it, so the words of one slightly slanted line read left to right.
 *
 * @example
 * sortReadingOrder([[[50, 12], …], [[0, 10], …]]); // [1, 0]
 */
export function sortReadingOrder(quads: readonly Quad[], toleranceY = 10): number[] {
  const order = quads.map((_, i) => i).sort((a, b) => quads[a][0][1] - quads[b][0][1] || quads[a][0][0] - quads[b][0][0]);
  for (let i = 0; i < order.length - 1; i++) {
    for (let j = i; j >= 0; j--) {
      const next = quads[order[j + 1]][0];
      const cur = quads[order[j]][0];
      if (Math.abs(next[1] - cur[1]) < toleranceY && next[0] < cur[0]) {
        [order[j], order[j + 1]] = [order[j + 1], order[j]];
      } else {
        break;
      }
    }
  }
  return order;
}
