import type { Point, Quad } from './point';

/**
 * Orders four corners top-left, top-right, bottom-right, bottom-left as PaddleOCR does: the two
 * left-most (by x) are the left side, each side's upper point (smaller y) comes first.
 *
 * @example
 * orderQuad([[10, 5], [0, 5], [10, 0], [0, 0]]); // [[0,0],[10,0],[10,5],[0,5]]
 */
export function orderQuad(corners: readonly Point[]): Quad {
  const p = [...corners].sort((a, b) => a[0] - b[0]);
  const [tl, bl] = p[1][1] > p[0][1] ? [p[0], p[1]] : [p[1], p[0]];
  const [tr, br] = p[3][1] > p[2][1] ? [p[2], p[3]] : [p[3], p[2]];
  return [[tl[0], tl[1]], [tr[0], tr[1]], [br[0], br[1]], [bl[0], bl[1]]];
}
