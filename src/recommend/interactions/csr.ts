/**
 * Interactions as compressed sparse rows: row r's columns are indices[indptr[r] … indptr[r+1]),
 * sorted ascending, each with its value. Built in one counting-sort pass from parallel arrays
 * (row, column, value) as they come from DuckDB columns or a file; duplicates are summed.
 * Indexed reads use non-null assertions: these are typed-array kernels.
 */

export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export interface Triples {
  rows: Int32Array;
  cols: Int32Array;
  values: Float32Array;
  length: number;
}

/**
 * Rows × cols CSR from (row, col, value) triples; repeated cells are summed. Two counting sorts
 * (by column, then stably by row) leave every row's columns in order without comparing anything.
 */
export function buildCsr(shape: { rows: number; cols: number }, t: Triples): Csr {
  return buildCsrWithTimes(shape, t, null).matrix;
}

/**
 * buildCsr that also carries a time per triple into an array aligned with the cells (a repeated
 * cell keeps its latest time).
 */
export function buildCsrWithTimes(
  shape: { rows: number; cols: number },
  t: Triples,
  times: Float64Array | null,
): { matrix: Csr; times: Float64Array | null } {
  const { rows, cols } = shape;
  const n = t.length;
  for (let k = 0; k < n; k++) {
    const r = t.rows[k]!;
    const c = t.cols[k]!;
    if (r < 0 || r >= rows || c < 0 || c >= cols)
      throw new RangeError(`cell ${k} (${r}, ${c}) is outside a ${rows} × ${cols} matrix`);
  }
  const byCol = new Int32Array(cols + 1);
  for (let k = 0; k < n; k++) byCol[t.cols[k]! + 1]!++;
  for (let c = 0; c < cols; c++) byCol[c + 1]! += byCol[c]!;
  const order = new Int32Array(n);
  const nextCol = byCol.slice(0, cols);
  for (let k = 0; k < n; k++) order[nextCol[t.cols[k]!]!++] = k;
  const indptr = new Int32Array(rows + 1);
  for (let k = 0; k < n; k++) indptr[t.rows[k]! + 1]!++;
  for (let r = 0; r < rows; r++) indptr[r + 1]! += indptr[r]!;
  const nextRow = indptr.slice(0, rows);
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  const cellTimes = times ? new Float64Array(n) : null;
  for (let o = 0; o < n; o++) {
    const k = order[o]!;
    const slot = nextRow[t.rows[k]!]!++;
    indices[slot] = t.cols[k]!;
    values[slot] = t.values[k]!;
    if (cellTimes) cellTimes[slot] = times![k]!;
  }
  return mergeRepeats({ rows, cols, indptr, indices, values }, cellTimes);
}

/** Sums cells repeated within a row (adjacent, rows being sorted); the input when none repeat. */
function mergeRepeats(m: Csr, times: Float64Array | null): { matrix: Csr; times: Float64Array | null } {
  const { rows, indptr, indices, values } = m;
  let repeats = false;
  for (let r = 0; r < rows && !repeats; r++)
    for (let k = indptr[r]! + 1; k < indptr[r + 1]!; k++)
      if (indices[k] === indices[k - 1]) {
        repeats = true;
        break;
      }
  if (!repeats) return { matrix: m, times };
  const outPtr = new Int32Array(rows + 1);
  const outIdx = new Int32Array(indices.length);
  const outVal = new Float32Array(indices.length);
  const outTimes = times ? new Float64Array(indices.length) : null;
  let w = 0;
  for (let r = 0; r < rows; r++) {
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
      if (w > outPtr[r]! && outIdx[w - 1] === indices[k]) {
        outVal[w - 1]! += values[k]!;
        if (outTimes) outTimes[w - 1] = Math.max(outTimes[w - 1]!, times![k]!);
      } else {
        outIdx[w] = indices[k]!;
        outVal[w] = values[k]!;
        if (outTimes) outTimes[w] = times![k]!;
        w++;
      }
    }
    outPtr[r + 1] = w;
  }
  return {
    matrix: { ...m, indptr: outPtr, indices: outIdx.slice(0, w), values: outVal.slice(0, w) },
    times: outTimes ? outTimes.slice(0, w) : null,
  };
}

/** The transpose (items × users from users × items), rows sorted. */
export function transpose(m: Csr): Csr {
  const counts = new Int32Array(m.cols + 1);
  const nnz = m.indptr[m.rows]!;
  for (let k = 0; k < nnz; k++) counts[m.indices[k]! + 1]!++;
  for (let c = 0; c < m.cols; c++) counts[c + 1]! += counts[c]!;
  const next = counts.slice(0, m.cols);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  // Rows in increasing order, so each column's entries come out sorted.
  for (let r = 0; r < m.rows; r++)
    for (let k = m.indptr[r]!; k < m.indptr[r + 1]!; k++) {
      const slot = next[m.indices[k]!]!++;
      indices[slot] = r;
      values[slot] = m.values[k]!;
    }
  return { rows: m.cols, cols: m.rows, indptr: counts, indices, values };
}

export function nonZeros(m: Csr): number {
  return m.indptr[m.rows]!;
}

/** Number of stored cells per column (for items: how many users have each). */
export function columnCounts(m: Csr): Int32Array {
  const counts = new Int32Array(m.cols);
  for (let k = 0; k < nonZeros(m); k++) counts[m.indices[k]!]!++;
  return counts;
}

/** Whether row r has column c (binary search). */
export function hasCell(m: Csr, r: number, c: number): boolean {
  let lo = m.indptr[r]!;
  let hi = m.indptr[r + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (m.indices[mid]! < c) lo = mid + 1;
    else hi = mid;
  }
  return lo < m.indptr[r + 1]! && m.indices[lo] === c;
}

/** The same shape with other values (a weighting). */
export function withValues(m: Csr, values: Float32Array): Csr {
  return { ...m, values };
}

/** A CSR of the given rows only (renumbered 0…), the same columns. */
export function selectRows(m: Csr, rows: readonly number[]): Csr {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i]! + m.indptr[r + 1]! - m.indptr[r]!));
  const indices = new Int32Array(indptr[rows.length]!);
  const values = new Float32Array(indptr[rows.length]!);
  rows.forEach((r, i) => {
    indices.set(m.indices.subarray(m.indptr[r], m.indptr[r + 1]), indptr[i]);
    values.set(m.values.subarray(m.indptr[r], m.indptr[r + 1]), indptr[i]);
  });
  return { rows: rows.length, cols: m.cols, indptr, indices, values };
}

/** A CSR from explicit rows of (column, value) pairs, for tests and small inputs. */
export function csrFromRows(
  cols: number,
  rowCells: readonly (readonly (readonly [number, number])[])[],
): Csr {
  const rows = new Int32Array(rowCells.reduce((n, r) => n + r.length, 0));
  const colsArr = new Int32Array(rows.length);
  const values = new Float32Array(rows.length);
  let n = 0;
  rowCells.forEach((cells, r) =>
    cells.forEach(([c, v]) => {
      rows[n] = r;
      colsArr[n] = c;
      values[n] = v;
      n++;
    }),
  );
  return buildCsr({ rows: rowCells.length, cols }, { rows, cols: colsArr, values, length: n });
}
