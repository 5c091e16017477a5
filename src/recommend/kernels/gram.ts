/**
 * The Gram matrix YᵀY of a block of factor rows, added into an fs × fs accumulator. Each worker
 * sums its own share of the rows into its own accumulator; the caller adds them up. Indexed reads
 * use non-null assertions: this is a typed-array kernel.
 */
import { lanes } from './simd-helpers.js';
import type { ModuleBuilder } from './wasm-builder.js';

export function gramRows(
  y: Float32Array,
  fs: number,
  range: { start: number; end: number },
  out: Float32Array,
): void {
  for (let i = range.start; i < range.end; i++) {
    const o = i * fs;
    for (let a = 0; a < fs; a++) {
      const ya = y[o + a]!;
      if (ya === 0) continue;
      const row = a * fs;
      for (let b = 0; b < fs; b++) out[row + b] = out[row + b]! + ya * y[o + b]!;
    }
  }
}

/**
 * `gram_rows(start, end, y, fs, out)`: rows four at a time, so each accumulator lane is loaded and
 * stored once per four rows (rows past `end` in the last group are skipped).
 */
export function emitGram(m: ModuleBuilder, fma: boolean): void {
  m.func({ name: 'gram_rows', params: ['i32', 'i32', 'i32', 'i32', 'i32'] }, (c) => {
    const [start, end, Y, fs, out] = [0, 1, 2, 3, 4] as const;
    const fsB = c.local('i32');
    const i = c.local('i32');
    const y0 = c.local('i32');
    const y1 = c.local('i32');
    const y2 = c.local('i32');
    const y3 = c.local('i32');
    const a = c.local('i32');
    const row = c.local('i32');
    const j = c.local('i32');
    const s0 = c.local('v128');
    const s1 = c.local('v128');
    const s2 = c.local('v128');
    const s3 = c.local('v128');
    c.get(fs).i32Const(2).i32Shl().set(fsB);
    c.get(start).set(i);
    // Whole groups of four.
    c.block(() => {
      c.loop(() => {
        c.get(i).i32Const(4).i32Add().get(end).i32GtS().brIf(1);
        c.get(i).get(fsB).i32Mul().get(Y).i32Add().set(y0);
        c.get(y0).get(fsB).i32Add().set(y1);
        c.get(y1).get(fsB).i32Add().set(y2);
        c.get(y2).get(fsB).i32Add().set(y3);
        c.i32Const(0).set(a);
        c.get(out).set(row);
        c.loop(() => {
          c.get(y0).get(a).i32Add().f32Load().f32x4Splat().set(s0);
          c.get(y1).get(a).i32Add().f32Load().f32x4Splat().set(s1);
          c.get(y2).get(a).i32Add().f32Load().f32x4Splat().set(s2);
          c.get(y3).get(a).i32Add().f32Load().f32x4Splat().set(s3);
          lanes(c, j, fsB, (o) => {
            c.get(row).get(j).i32Add();
            // row += s0·y0 + s1·y1 + s2·y2 + s3·y3, as a chain of multiply-adds.
            const term = (sk: number, yk: number, rest: () => void) =>
              c.mulAdd(
                fma,
                () => c.get(sk),
                () => c.get(yk).get(j).i32Add().v128Load(o),
                rest,
              );
            term(s3, y3, () =>
              term(s2, y2, () =>
                term(s1, y1, () => term(s0, y0, () => c.get(row).get(j).i32Add().v128Load(o))),
              ),
            );
            c.v128Store(o);
          });
          c.get(row).get(fsB).i32Add().set(row);
          c.get(a).i32Const(4).i32Add().tee(a).get(fsB).i32LtU().brIf(0);
        });
        c.get(i).i32Const(4).i32Add().set(i);
        c.br(0);
      });
    });
    // The rest, one at a time.
    c.block(() => {
      c.loop(() => {
        c.get(i).get(end).i32GeS().brIf(1);
        c.get(i).get(fsB).i32Mul().get(Y).i32Add().set(y0);
        c.i32Const(0).set(a);
        c.get(out).set(row);
        c.loop(() => {
          c.get(y0).get(a).i32Add().f32Load().f32x4Splat().set(s0);
          lanes(c, j, fsB, (o) => {
            c.get(row).get(j).i32Add();
            c.mulAdd(
              fma,
              () => c.get(s0),
              () => c.get(y0).get(j).i32Add().v128Load(o),
              () => c.get(row).get(j).i32Add().v128Load(o),
            );
            c.v128Store(o);
          });
          c.get(row).get(fsB).i32Add().set(row);
          c.get(a).i32Const(4).i32Add().tee(a).get(fsB).i32LtU().brIf(0);
        });
        c.get(i).i32Const(1).i32Add().set(i);
        c.br(0);
      });
    });
  });
}
