import { GroundstreamError } from '../../core/errors';

/*
 * COCO's compressed counts string (pycocotools maskApi.c rleToString / rleFrString): each count is
 * written as a little-endian sequence of 5-bit groups, one ASCII character (48 + value) per group,
 * bit 0x20 marking "more groups follow" and bit 0x10 of the last group the sign. From the fourth
 * count on (index > 2), the value written is the difference to the count two places earlier,
 * which is small for masks whose columns look alike: that is COCO's "delta trick".
 *
 * Arithmetic rather than bit operators: a delta of two 32-bit counts needs 33 bits, which JS
 * bitwise operators (32-bit signed) would truncate where C's `long` does not.
 */

const BASE = 48;

/**
 * Writes run-length counts as COCO's compressed string.
 *
 * @example
 * countsToString([1, 2, 1, 1, 1]); // '121O0'
 */
export function countsToString(counts: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i] - (i > 2 ? counts[i - 2] : 0);
    let more = true;
    while (more) {
      let c = ((x % 32) + 32) % 32; // x & 0x1f for negative x too
      x = Math.floor(x / 32); // arithmetic shift, as C's >> on a signed long
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      out += String.fromCharCode(c + BASE);
    }
  }
  return out;
}

/**
 * Reads COCO's compressed string back into run-length counts (zeros first, column-major).
 *
 * @example
 * stringToCounts('121O0'); // Uint32Array [1, 2, 1, 1, 1]
 */
export function stringToCounts(s: string): Uint32Array {
  const counts = new Uint32Array(s.length);
  let m = 0;
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= s.length) throw new GroundstreamError('invalid_argument', 'counts', `truncated RLE counts string at character ${p}`);
      const c = s.charCodeAt(p) - BASE;
      if (c < 0 || c > 63) throw new GroundstreamError('invalid_argument', 'counts', `character ${JSON.stringify(s[p])} at ${p} is not in COCO's RLE alphabet ('0'..'o')`);
      x += (c & 0x1f) * 2 ** (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && c & 0x10) x -= 2 ** (5 * k); // sign-extend the last group
    }
    if (m > 2) x += counts[m - 2];
    if (x < 0 || x > 0xffffffff) throw new GroundstreamError('invalid_argument', 'counts', `RLE run ${m} decodes to ${x}, outside 0..2^32-1`);
    counts[m++] = x;
  }
  return counts.slice(0, m);
}
