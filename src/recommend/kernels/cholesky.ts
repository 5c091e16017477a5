/**
 * Cholesky factorisation and solves of small dense symmetric positive-definite matrices (f × f,
 * row-major, float64): the exact per-user solve of ALS, for folding in a user and for the exact
 * explanation of a score. Indexed reads use non-null assertions: this is a typed-array kernel.
 */

/** Replaces the lower triangle of `a` with L (A = L·Lᵀ); throws when A is not positive definite. */
export function choleskyFactor(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! * a[j * n + k]!;
    if (!(d > 0)) throw new RangeError(`the matrix is not positive definite (pivot ${j} is ${d})`);
    const l = Math.sqrt(d);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / l;
    }
  }
}

/** Solves L·Lᵀ·x = b for x (into `out`), L from choleskyFactor. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * out[k]!;
    out[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = out[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * out[k]!;
    out[i] = s / l[i * n + i]!;
  }
}
