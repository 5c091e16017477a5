/**
 * One half-sweep of implicit ALS with the conjugate-gradient solver (Takács, Pilászy and Tikk,
 * RecSys 2011), as benfred/implicit runs it: each row's factor vector x starts where the previous
 * sweep left it and takes `steps` CG steps towards the solution of
 *
 *   (YᵀY + λI + Σ_{i∈row} (c_i − 1) y_i y_iᵀ) x = Σ_{i∈row} c_i y_i
 *
 * (Hu, Koren and Volinsky 2008: preference 1 with confidence c on stored cells, preference 0 with
 * confidence 1 elsewhere). `gram` is YᵀY + λI, computed once per half-sweep. Multiplying by the
 * matrix costs one dense fs×fs product plus two passes over the row's own items, so a row costs
 * O(fs² + n·fs) per step instead of the O(fs³ + n·fs²) of an exact solve.
 *
 * Factor rows are `fs` floats apart (the factor count rounded up to a multiple of 16; the padding
 * stays zero). Indexed reads use non-null assertions: this is a typed-array kernel.
 */
import { axpy, copy, dot, scratchLocals, symmetricMatVec, xpay } from './simd-helpers.js';
import type { ModuleBuilder } from './wasm-builder.js';

/** Below this squared residual a row is solved (implicit's threshold). */
export const CG_TOLERANCE = 1e-20;

/** Whether the conjugate-gradient steps prefetch too (the first pass always does); see `cells`. */
const PREFETCH_EVERY_PASS = process.env.LISTENHOUSE_CG_PREFETCH === 'all';

export interface CgArrays {
  indptr: Int32Array;
  indices: Int32Array;
  /** Confidence c of each stored cell (α × weight). */
  confidence: Float32Array;
  /** The rows being solved, updated in place. */
  x: Float32Array;
  /** The fixed other side. */
  y: Float32Array;
  /** YᵀY + λI, fs × fs. */
  gram: Float32Array;
  fs: number;
  steps: number;
}

/** The plain TypeScript kernel: the reference for the WebAssembly one and its fallback. */
export function conjugateGradientRows(a: CgArrays, rowStart: number, rowEnd: number): void {
  const { indptr, indices, confidence, x, y, gram, fs, steps } = a;
  const r = new Float32Array(fs);
  const p = new Float32Array(fs);
  const ap = new Float32Array(fs);
  for (let u = rowStart; u < rowEnd; u++) {
    const xo = u * fs;
    // r = b − A·x
    for (let i = 0; i < fs; i++) {
      let s = 0;
      const g = i * fs;
      for (let j = 0; j < fs; j++) s += gram[g + j]! * x[xo + j]!;
      r[i] = -s;
    }
    const kEnd = indptr[u + 1]!;
    for (let k = indptr[u]!; k < kEnd; k++) {
      const yo = indices[k]! * fs;
      const c = confidence[k]!;
      let d = 0;
      for (let j = 0; j < fs; j++) d += y[yo + j]! * x[xo + j]!;
      const t = c - (c - 1) * d;
      for (let j = 0; j < fs; j++) r[j] = r[j]! + t * y[yo + j]!;
    }
    p.set(r);
    let rsOld = 0;
    for (let j = 0; j < fs; j++) rsOld += r[j]! * r[j]!;
    if (rsOld < CG_TOLERANCE) continue;
    for (let step = 0; step < steps; step++) {
      for (let i = 0; i < fs; i++) {
        let s = 0;
        const g = i * fs;
        for (let j = 0; j < fs; j++) s += gram[g + j]! * p[j]!;
        ap[i] = s;
      }
      for (let k = indptr[u]!; k < kEnd; k++) {
        const yo = indices[k]! * fs;
        const c = confidence[k]!;
        let d = 0;
        for (let j = 0; j < fs; j++) d += y[yo + j]! * p[j]!;
        const t = (c - 1) * d;
        for (let j = 0; j < fs; j++) ap[j] = ap[j]! + t * y[yo + j]!;
      }
      let pAp = 0;
      for (let j = 0; j < fs; j++) pAp += p[j]! * ap[j]!;
      const alpha = rsOld / pAp;
      let rsNew = 0;
      for (let j = 0; j < fs; j++) {
        x[xo + j] = x[xo + j]! + alpha * p[j]!;
        const rj = r[j]! - alpha * ap[j]!;
        r[j] = rj;
        rsNew += rj * rj;
      }
      if (rsNew < CG_TOLERANCE) break;
      const beta = rsNew / rsOld;
      for (let j = 0; j < fs; j++) p[j] = r[j]! + beta * p[j]!;
      rsOld = rsNew;
    }
  }
}

/**
 * The same kernel in WebAssembly SIMD (f32x4): `cg_rows(rowStart, rowEnd, indptr, indices,
 * confidence, x, y, gram, fs, steps, scratch)`, addresses in bytes, `scratch` 3·fs floats of the
 * calling worker's own.
 */
export function emitConjugateGradient(m: ModuleBuilder, fma: boolean): void {
  m.func(
    {
      name: 'cg_rows',
      params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'],
    },
    (c) => {
      const [rowStart, rowEnd, indptr, indices, conf, X, Y, G, fs, steps, scratch] = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
      ] as const;
      const u = c.local('i32');
      const fsB = c.local('i32');
      const r = c.local('i32');
      const p = c.local('i32');
      const ap = c.local('i32');
      const xp = c.local('i32');
      const yp = c.local('i32');
      const k = c.local('i32');
      const kEnd = c.local('i32');
      const step = c.local('i32');
      const row = c.local('i32');
      const i = c.local('i32');
      const cf = c.local('f32');
      const t = c.local('f32');
      const rsOld = c.local('f32');
      const rsNew = c.local('f32');
      const alpha = c.local('f32');
      const s = scratchLocals(c, fma);

      c.get(fs).i32Const(2).i32Shl().set(fsB);
      c.get(scratch).set(r);
      c.get(r).get(fsB).i32Add().set(p);
      c.get(p).get(fsB).i32Add().set(ap);

      /** Sets yp and cf for stored cell k. */
      const cell = () => {
        c.get(indices)
          .get(k)
          .i32Const(2)
          .i32Shl()
          .i32Add()
          .i32Load()
          .get(fsB)
          .i32Mul()
          .get(Y)
          .i32Add()
          .set(yp);
        c.get(conf).get(k).i32Const(2).i32Shl().i32Add().f32Load().set(cf);
      };
      /**
       * Runs body for every stored cell of row u. With `prefetch`, the next cell's factor row is
       * touched first (one load per 64-byte line, results dropped): its cache misses overlap this
       * cell's arithmetic instead of stalling the next one. Rows are scattered over a matrix far
       * larger than the caches, so the first pass over a row's cells waits on memory otherwise.
       */
      const cells = (body: () => void, prefetch: boolean) => {
        c.get(indptr).get(u).i32Const(2).i32Shl().i32Add().i32Load().set(k);
        c.block(() => {
          c.loop(() => {
            c.get(k).get(kEnd).i32GeS().brIf(1);
            if (prefetch) {
              c.get(k).i32Const(1).i32Add().get(kEnd).i32LtS();
              c.if(() => {
                c.get(indices)
                  .get(k)
                  .i32Const(2)
                  .i32Shl()
                  .i32Add()
                  .i32Load(4)
                  .get(fsB)
                  .i32Mul()
                  .get(Y)
                  .i32Add()
                  .set(row);
                c.i32Const(0).set(i);
                c.loop(() => {
                  c.get(row).get(i).i32Add().i32Load().drop();
                  c.get(i).i32Const(64).i32Add().tee(i).get(fsB).i32LtU().brIf(0);
                });
              });
            }
            cell();
            body();
            c.get(k).i32Const(1).i32Add().set(k);
            c.br(0);
          });
        });
      };

      c.get(rowStart).set(u);
      c.block(() => {
        c.loop(() => {
          c.get(u).get(rowEnd).i32GeS().brIf(1);
          c.get(u).get(fsB).i32Mul().get(X).i32Add().set(xp);
          c.get(indptr).get(u).i32Const(2).i32Shl().i32Add().i32Load(4).set(kEnd);
          // r = −G·x + Σ (c − (c − 1)·y·x) y
          symmetricMatVec(c, s, { row, i, t }, { m: G, v: xp, out: r, fsBytes: fsB, negate: true });
          cells(() => {
            c.get(cf);
            c.get(cf).f32Const(1).f32Sub();
            dot(c, s, yp, xp, fsB);
            c.f32Mul().f32Sub().set(t);
            axpy(c, s, t, yp, r, fsB);
          }, true);
          copy(c, s, r, p, fsB);
          dot(c, s, r, r, fsB);
          c.set(rsOld);
          c.block(() => {
            c.get(rsOld).f32Const(CG_TOLERANCE).f32Lt().brIf(0);
            c.i32Const(0).set(step);
            c.loop(() => {
              c.get(step).get(steps).i32GeS().brIf(1);
              // ap = G·p + Σ (c − 1)(y·p) y
              symmetricMatVec(c, s, { row, i, t }, { m: G, v: p, out: ap, fsBytes: fsB, negate: false });
              cells(() => {
                c.get(cf).f32Const(1).f32Sub();
                dot(c, s, yp, p, fsB);
                c.f32Mul().set(t);
                axpy(c, s, t, yp, ap, fsB);
              }, PREFETCH_EVERY_PASS);
              c.get(rsOld);
              dot(c, s, p, ap, fsB);
              c.f32Div().set(alpha);
              axpy(c, s, alpha, p, xp, fsB);
              c.get(alpha).f32Neg().set(alpha);
              axpy(c, s, alpha, ap, r, fsB);
              dot(c, s, r, r, fsB);
              c.tee(rsNew).f32Const(CG_TOLERANCE).f32Lt().brIf(1);
              c.get(rsNew).get(rsOld).f32Div().set(t);
              xpay(c, s, t, r, p, fsB);
              c.get(rsNew).set(rsOld);
              c.get(step).i32Const(1).i32Add().set(step);
              c.br(0);
            });
          });
          c.get(u).i32Const(1).i32Add().set(u);
          c.br(0);
        });
      });
    },
  );
}
