/**
 * Loops the WebAssembly kernels repeat, emitted inline: dot products, axpy and copies over vectors
 * of `fsBytes` bytes (a multiple of 64: factor rows are padded to 16 floats, four f32x4 lanes per
 * loop turn). Each helper takes the locals it may clobber, so nested uses never share a counter.
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
  /** v128 accumulators: four, so that consecutive additions do not wait on each other. */
  acc: number;
  acc1: number;
  acc2: number;
  acc3: number;
  /** Fused multiply-add (relaxed SIMD) instead of a multiply and an add. */
  fma: boolean;
}

/** Declares the locals a Scratch needs. */
export function scratchLocals(c: Code, fma: boolean): Scratch {
  return {
    j: c.local('i32'),
    acc: c.local('v128'),
    acc1: c.local('v128'),
    acc2: c.local('v128'),
    acc3: c.local('v128'),
    fma,
  };
}

/**
 * Runs `body(offset)` for offsets 0, 16, 32, 48 bytes past j, for j = 0, 64, 128, … below `fsBytes`
 * (a local holding a positive multiple of 64: factor rows are padded to 16 floats). The constant
 * offsets go into the loads' immediates, so the unrolled body adds no address arithmetic.
 */
export function lanes(c: Code, j: number, fsBytes: number, body: (offset: number) => void): void {
  c.i32Const(0).set(j);
  c.loop(() => {
    for (const offset of [0, 16, 32, 48]) body(offset);
    c.get(j).i32Const(64).i32Add().tee(j).get(fsBytes).i32LtU().brIf(0);
  });
}

/** Leaves dot(a, b) on the stack: `a` and `b` are locals holding byte addresses. */
export function dot(c: Code, s: Scratch, a: number, b: number, fsBytes: number): void {
  const accs = [s.acc, s.acc1, s.acc2, s.acc3];
  for (const acc of accs) c.v128Const0().set(acc);
  lanes(c, s.j, fsBytes, (offset) => {
    const acc = accs[offset / 16]!;
    c.mulAdd(
      s.fma,
      () => c.get(a).get(s.j).i32Add().v128Load(offset),
      () => c.get(b).get(s.j).i32Add().v128Load(offset),
      () => c.get(acc),
    ).set(acc);
  });
  c.get(s.acc).get(s.acc1).f32x4Add().get(s.acc2).get(s.acc3).f32x4Add().f32x4Add().set(s.acc);
  horizontalSum(c, s.acc);
}

/** y += t·x, with `t` an f32 local and `x`, `y` byte addresses. */
export function axpy(c: Code, s: Scratch, t: number, x: number, y: number, fsBytes: number): void {
  c.get(t).f32x4Splat().set(s.acc);
  lanes(c, s.j, fsBytes, (offset) => {
    c.get(y).get(s.j).i32Add();
    c.mulAdd(
      s.fma,
      () => c.get(x).get(s.j).i32Add().v128Load(offset),
      () => c.get(s.acc),
      () => c.get(y).get(s.j).i32Add().v128Load(offset),
    );
    c.v128Store(offset);
  });
}

/** y = x + t·y (the conjugate direction update p = r + β·p). */
export function xpay(c: Code, s: Scratch, t: number, x: number, y: number, fsBytes: number): void {
  c.get(t).f32x4Splat().set(s.acc);
  lanes(c, s.j, fsBytes, (offset) => {
    c.get(y).get(s.j).i32Add();
    c.mulAdd(
      s.fma,
      () => c.get(y).get(s.j).i32Add().v128Load(offset),
      () => c.get(s.acc),
      () => c.get(x).get(s.j).i32Add().v128Load(offset),
    );
    c.v128Store(offset);
  });
}

/** y = x. */
export function copy(c: Code, s: Scratch, x: number, y: number, fsBytes: number): void {
  lanes(c, s.j, fsBytes, (offset) => {
    c.get(y).get(s.j).i32Add();
    c.get(x).get(s.j).i32Add().v128Load(offset);
    c.v128Store(offset);
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
