/** Options of {@link solveAssignment}. */
export interface AssignmentOptions {
  /**
   * Pairs costing more than this are never made; a row or column may then stay unmatched. The
   * result is the cheapest assignment where leaving a row and a column unmatched costs
   * `maxCost` (as `lap.lapjv(..., cost_limit)` does). Without it every row or column is matched
   * (as many pairs as the smaller side), at the least total cost.
   */
  maxCost?: number;
}

/** A solved assignment: `rowToCol[r]` is the column of row r, or -1; `colToRow` the reverse. */
export interface Assignment {
  rowToCol: Int32Array;
  colToRow: Int32Array;
  /** Sum of the costs of the pairs made. */
  totalCost: number;
}

/**
 * Minimum-cost assignment of rows to columns (the Hungarian method with potentials, O(n³)).
 * `cost` is row-major, `rows × cols`; `Infinity` or NaN marks a pair that must not be made.
 *
 * @example
 * solveAssignment([[4, 1], [2, 3]], 2, 2).rowToCol // Int32Array [1, 0]
 */
export function solveAssignment(cost: ArrayLike<number> | readonly (readonly number[])[], rows: number, cols: number, options: AssignmentOptions = {}): Assignment {
  const at = rows > 0 && Array.isArray((cost as ArrayLike<unknown>)[0])
    ? (r: number, c: number): number => (cost as readonly (readonly number[])[])[r][c]
    : (r: number, c: number): number => (cost as ArrayLike<number>)[r * cols + c];
  const rowToCol = new Int32Array(rows).fill(-1);
  const colToRow = new Int32Array(cols).fill(-1);
  if (rows === 0 || cols === 0) return { rowToCol, colToRow, totalCost: 0 };
  const limit = options.maxCost;
  if (limit !== undefined && !(limit >= 0)) throw new RangeError(`maxCost must be >= 0, got ${limit}`);

  // Square problem: with a limit, rows × cols + a dummy column per row and a dummy row per column
  // (cost limit/2 each, dummy-dummy 0); without one, padded with zero-cost dummies.
  const n = limit !== undefined ? rows + cols : Math.max(rows, cols);
  let finiteMax = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = at(r, c);
      if (Number.isFinite(v)) finiteMax = Math.max(finiteMax, Math.abs(v));
    }
  }
  // Forbidden pairs cost more than any assignment made of allowed pairs and dummies.
  const forbidden = (finiteMax + (limit ?? 0) + 1) * (n + 1);
  const a = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      let v: number;
      if (r < rows && c < cols) {
        v = at(r, c);
        if (!Number.isFinite(v) || (limit !== undefined && v > limit)) v = forbidden;
      } else if (limit === undefined) {
        v = 0;
      } else if (r < rows) {
        v = c - cols === r ? limit / 2 : forbidden; // row r left unmatched
      } else if (c < cols) {
        v = r - rows === c ? limit / 2 : forbidden; // column c left unmatched
      } else {
        v = 0;
      }
      a[r * n + c] = v;
    }
  }

  // Shortest augmenting paths with row/column potentials u, v (1-based, column 0 is the root).
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // p[col] = row matched to col
  const way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = a[(i0 - 1) * n + (j - 1)] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }

  let totalCost = 0;
  for (let j = 1; j <= n; j++) {
    const r = p[j] - 1;
    const c = j - 1;
    if (r >= rows || c >= cols) continue;
    const value = at(r, c);
    if (!Number.isFinite(value) || (limit !== undefined && value > limit)) continue;
    rowToCol[r] = c;
    colToRow[c] = r;
    totalCost += value;
  }
  return { rowToCol, colToRow, totalCost };
}
