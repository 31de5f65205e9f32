/** Rows of '#' (1) and '.' (0) as a row-major mask; digits give class indices. */
export function art(rows: string[]): { mask: Uint8Array; width: number; height: number } {
  const width = rows[0].length;
  const height = rows.length;
  return { mask: Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : c === '.' ? 0 : Number(c))), width, height };
}

/** A small deterministic generator (LCG), so random cases are the same on every run. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}
