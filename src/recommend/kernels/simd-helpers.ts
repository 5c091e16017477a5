/**
 * Loops the WebAssembly kernels repeat, emitted inline: dot products, axpy and copies over vectors
 * of `fsBytes` bytes (a multiple of 16: factor rows are padded to whole f32x4 lanes). Each helper
 * takes the locals it may clobber, so nested uses never share a counter by accident.
 */
import type { Code } from './wasm-builder.js';

/** Lane shuffles for a horizontal sum: swap the 64-bit halves, then the 32-bit pairs. */
const SWAP_HALVES = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
const SWAP_PAIRS = [4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11];

/** Leaves the sum of the four lanes of `v` (a v128 local) on the stack as f32. */
export function horizontalSum(c: Code, v: number): void {
  c.get(v).get(v).get(v).i8x16Shuffle(SWAP_HALVES).f32x4Add().set(v);
  c.get(v).get(v).get(v).i8x16Shuffle(SWAP_PAIRS).f32x4Add().f32x4ExtractLane(0);
}

export interface Scratch {
  /** i32 byte counter. */
  j: number;
  /** v128 accumulator. */
  acc: number;
}

/** Runs `body` for j = 0, 16, 32, … below `fsBytes` (a local holding a positive multiple of 16). */
export function lanes(c: Code, j: number, fsBytes: number, body: () => void): void {
  c.i32Const(0).set(j);
  c.loop(() => {
    body();
    c.get(j).i32Const(16).i32Add().tee(j).get(fsBytes).i32LtU().brIf(0);
  });
}

/** Leaves dot(a, b) on the stack: `a` and `b` are locals holding byte addresses. */
export function dot(c: Code, s: Scratch, a: number, b: number, fsBytes: number): void {
  c.v128Const0().set(s.acc);
  lanes(c, s.j, fsBytes, () => {
    c.get(s.acc);
    c.get(a).get(s.j).i32Add().v128Load();
    c.get(b).get(s.j).i32Add().v128Load();
    c.f32x4Mul().f32x4Add().set(s.acc);
  });
  horizontalSum(c, s.acc);
}

/** y += t·x, with `t` an f32 local and `x`, `y` byte addresses. */
export function axpy(c: Code, s: Scratch, t: number, x: number, y: number, fsBytes: number): void {
  c.get(t).f32x4Splat().set(s.acc);
  lanes(c, s.j, fsBytes, () => {
    c.get(y).get(s.j).i32Add();
    c.get(y).get(s.j).i32Add().v128Load();
    c.get(x).get(s.j).i32Add().v128Load();
    c.get(s.acc).f32x4Mul().f32x4Add();
    c.v128Store();
  });
}

/** y = x + t·y (the conjugate direction update p = r + β·p). */
export function xpay(c: Code, s: Scratch, t: number, x: number, y: number, fsBytes: number): void {
  c.get(t).f32x4Splat().set(s.acc);
  lanes(c, s.j, fsBytes, () => {
    c.get(y).get(s.j).i32Add();
    c.get(x).get(s.j).i32Add().v128Load();
    c.get(y).get(s.j).i32Add().v128Load();
    c.get(s.acc).f32x4Mul().f32x4Add();
    c.v128Store();
  });
}

/** y = x. */
export function copy(c: Code, s: Scratch, x: number, y: number, fsBytes: number): void {
  lanes(c, s.j, fsBytes, () => {
    c.get(y).get(s.j).i32Add();
    c.get(x).get(s.j).i32Add().v128Load();
    c.v128Store();
  });
}

/**
 * out = sign · M·v for a symmetric fs×fs matrix M (row-major, rows `fsBytes` apart): one dot
 * product per row. `row` and `i` are i32 locals it uses; `t` an f32 local.
 */
export function symmetricMatVec(
  c: Code,
  s: Scratch,
  locals: { row: number; i: number; t: number },
  args: { m: number; v: number; out: number; fsBytes: number; negate: boolean },
): void {
  const { row, i, t } = locals;
  c.get(args.m).set(row);
  c.i32Const(0).set(i);
  c.loop(() => {
    dot(c, s, row, args.v, args.fsBytes);
    if (args.negate) c.f32Neg();
    c.set(t);
    c.get(args.out).get(i).i32Add().get(t).f32Store();
    c.get(row).get(args.fsBytes).i32Add().set(row);
    c.get(i).i32Const(4).i32Add().tee(i).get(args.fsBytes).i32LtU().brIf(0);
  });
}
