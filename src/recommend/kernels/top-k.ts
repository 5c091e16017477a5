/**
 * Exact top-K by inner product (the recommendations of a factor model) with norm pruning: the
 * candidates are stored sorted by decreasing norm, four to a block with their coordinates
 * interleaved (a block's d-th four floats are the four vectors' d-th coordinates), and grouped in
 * tiles. A score is at most ‖x‖·‖y‖ (Cauchy–Schwarz), so once ‖x‖ times the largest norm of a tile
 * is no more than the K-th best score so far, nothing in that tile or any later one can enter the
 * list, and the scan stops. The answer is the same as scoring every candidate; on factor models
 * the popular items, whose vectors are longest, come first and fill the list early.
 *
 * The WebAssembly kernel screens the candidates in small integers first (see `emitTopK`): each
 * vector is also kept quantised (a scale per vector; 8 bits with relaxed SIMD, 16 without), an
 * integer dot product (sixteen multiply-adds in three instructions in 8 bits, eight in two in 16,
 * against four in one for float32; and a half or a quarter of the bytes to read) plus a bound on
 * the quantisation error gives an upper bound on the score, and only a candidate whose bound beats
 * the K-th score is scored in float32, exactly as before. The lists and scores are the same as
 * scoring everything in float32.
 *
 * Each answered row's own items (a CSR of sorted candidate ids, numbered like the answers) are skipped. Ties keep the earlier candidate,
 * so the result is deterministic. Indexed reads use non-null assertions: this is a typed-array kernel.
 */
import type { ModuleBuilder } from './wasm-builder.js';

/**
 * Blocks of four candidates per tile (256 candidates: 64 KiB at 64 factors, in the second-level
 * cache while a call's queries use it); the pruning test runs once per tile and pair of queries.
 */
export const TILE_BLOCKS = 64;
const TILE_BLOCKS_LOG2 = 6;
const NO_SCORE = -3.4028234663852886e38;
/**
 * 32-bit values of screening statistics per block: the four lanes' scale, half scale and L1 bound
 * (floats), and in 8 bits their offset's correction 64·Σq (integers).
 */
export const BLOCK_STATS = 16;

/** Candidates laid out for the scan (see the file comment). */
export interface CandidateBlocks {
  /** blocks × fs × 4 floats. */
  blocks: Float32Array;
  /**
   * The same vectors quantised for the screening (see `Screening`), blocks × fs × 4 values: with
   * 16 bits a block's p-th eight values are lanes 0–3's coordinates 2p and 2p+1 (what
   * i32x4.dot_i16x8_s pairs up); with 8 bits its p-th sixteen are lanes 0–3's coordinates 4p to
   * 4p+3, each stored plus 64 (the relaxed dot product wants them in 0–127).
   */
  quantised?: Int16Array | Int8Array;
  /** Per block (BLOCK_STATS floats): each lane's scale s, s/2, and ‖y‖₁ + fs·s/2 (padded up). */
  stats?: Float32Array;
  /** The candidate id in each slot (blocks × 4), −1 for padding. */
  ids: Int32Array;
  /** The largest norm in each tile. */
  tileNorms: Float32Array;
  blockCount: number;
  tileCount: number;
}

/** Sizes of the layout for `n` candidates. */
export function candidateShape(n: number): { blockCount: number; tileCount: number } {
  // Whole tiles: the kernel scores four blocks at a time and never checks for a short tile.
  const tileCount = Math.max(1, Math.ceil(n / (4 * TILE_BLOCKS)));
  return { blockCount: tileCount * TILE_BLOCKS, tileCount };
}

/**
 * How the WebAssembly kernel screens: in 8 bits with the relaxed-SIMD dot product where the
 * runtime has relaxed SIMD (the fused build: sixteen multiply-adds in one instruction, or three),
 * else in 16 bits (eight in one, i32x4.dot_i16x8_s).
 */
export type Screening = 'i8' | 'i16';

/** Offset of the stored 8-bit values (−63…63 stored as 1…127, queries and candidates alike). */
const I8_OFFSET = 64;

/**
 * The largest quantised magnitudes of a query and of a candidate. In 16 bits fs products of two
 * must sum within an i32 (the integer accumulators); in 8 bits both are −63…63 stored as 1…127:
 * the relaxed dot product is only defined for one operand in 0…127 and which one V8 takes as
 * unsigned should not matter, and two products never saturate its 16-bit pair sums.
 */
export function quantisationLevels(fs: number, screening: Screening): { query: number; candidate: number } {
  if (screening === 'i8') return { query: I8_OFFSET - 1, candidate: I8_OFFSET - 1 };
  const levels = Math.min(32767, Math.floor(Math.sqrt(2147483647 / fs)));
  return { query: levels, candidate: levels };
}

/** A little more than 1: the screening's bounds are rounded up by it (float32 rounding on the way). */
const BOUND_SLACK = 1 + 2 ** -20;

/**
 * Fills `out` (arrays sized by candidateShape) from factor rows `y` (n × fs), in decreasing order
 * of norm (ties by id).
 */
export function layoutCandidates(y: Float32Array, fs: number, n: number, out: CandidateBlocks): void {
  const screening: Screening = out.quantised instanceof Int8Array ? 'i8' : 'i16';
  const norms = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = 0; d < fs; d++) s += y[i * fs + d]! * y[i * fs + d]!;
    norms[i] = Math.sqrt(s);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => norms[b]! - norms[a]! || a - b);
  const levels = quantisationLevels(fs, screening).candidate;
  out.blocks.fill(0);
  out.quantised?.fill(screening === 'i8' ? I8_OFFSET : 0);
  out.stats?.fill(0);
  out.ids.fill(-1);
  out.tileNorms.fill(0);
  order.forEach((item, slot) => {
    const block = slot >> 2;
    const lane = slot & 3;
    out.ids[slot] = item;
    const base = block * fs * 4;
    for (let d = 0; d < fs; d++) out.blocks[base + d * 4 + lane] = y[item * fs + d]!;
    const tile = Math.floor(block / TILE_BLOCKS);
    if (slot % (TILE_BLOCKS * 4) === 0) out.tileNorms[tile] = norms[item]!;
    if (!out.quantised || !out.stats) return;
    let max = 0;
    let l1 = 0;
    for (let d = 0; d < fs; d++) {
      const v = Math.abs(y[item * fs + d]!);
      max = Math.max(max, v);
      l1 += v;
    }
    // |y − s·q| ≤ s/2 per coordinate; the bound in the kernel needs s/2 and ‖y‖₁ (or ‖s·q‖₁, at
    // most ‖y‖₁ + fs·s/2), both rounded up.
    const scale = Math.fround(max / levels);
    let sum = 0;
    for (let d = 0; d < fs; d++) {
      const q = scale > 0 ? Math.max(-levels, Math.min(levels, Math.round(y[item * fs + d]! / scale))) : 0;
      sum += q;
      if (screening === 'i8') out.quantised[base + (d >> 2) * 16 + lane * 4 + (d & 3)] = q + I8_OFFSET;
      else out.quantised[base + (d >> 1) * 8 + lane * 2 + (d & 1)] = q;
    }
    const st = block * BLOCK_STATS;
    out.stats[st + lane] = scale;
    out.stats[st + 4 + lane] = (scale / 2) * BOUND_SLACK;
    out.stats[st + 8 + lane] = (l1 + (fs * scale) / 2) * BOUND_SLACK;
    new Int32Array(out.stats.buffer, out.stats.byteOffset, out.stats.length)[st + 12 + lane] =
      I8_OFFSET * sum;
  });
}

export interface TopKArrays {
  /** Query rows (fs apart). */
  x: Float32Array;
  fs: number;
  candidates: CandidateBlocks;
  k: number;
  /** Per answered row i (not per query row), sorted candidate ids to skip; null: skip none. */
  exclude: { indptr: Int32Array; indices: Int32Array } | null;
  /** Which rows to answer (null: rows start..end themselves). */
  rows: Int32Array | null;
  /** Out: K ids (−1 when fewer candidates) and scores per answered row, at (i − start)·K… */
  outIds: Int32Array;
  outScores: Float32Array;
}

function isExcluded(ex: TopKArrays['exclude'], row: number, id: number): boolean {
  if (!ex) return false;
  let lo = ex.indptr[row]!;
  let hi = ex.indptr[row + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ex.indices[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < ex.indptr[row + 1]! && ex.indices[lo] === id;
}

/** The plain TypeScript kernel: answers rows[i] (or i) for i in [start, end), output at i·K. */
export function topKRows(a: TopKArrays, start: number, end: number): void {
  const { x, fs, candidates, k, exclude, rows, outIds, outScores } = a;
  const { blocks, ids, tileNorms, tileCount, blockCount } = candidates;
  const acc = new Float32Array(4);
  for (let i = start; i < end; i++) {
    const row = rows ? rows[i]! : i;
    const xo = row * fs;
    const o = i * k;
    outScores.fill(NO_SCORE, o, o + k);
    outIds.fill(-1, o, o + k);
    let norm = 0;
    for (let d = 0; d < fs; d++) norm += x[xo + d]! * x[xo + d]!;
    norm = Math.sqrt(norm);
    let threshold = NO_SCORE;
    for (let t = 0; t < tileCount; t++) {
      if (norm * tileNorms[t]! <= threshold) break;
      const blockEnd = Math.min(blockCount, (t + 1) * TILE_BLOCKS);
      for (let b = t * TILE_BLOCKS; b < blockEnd; b++) {
        acc.fill(0);
        const base = b * fs * 4;
        for (let d = 0; d < fs; d++) {
          const xd = x[xo + d]!;
          const q = base + d * 4;
          acc[0] = acc[0]! + xd * blocks[q]!;
          acc[1] = acc[1]! + xd * blocks[q + 1]!;
          acc[2] = acc[2]! + xd * blocks[q + 2]!;
          acc[3] = acc[3]! + xd * blocks[q + 3]!;
        }
        for (let lane = 0; lane < 4; lane++) {
          const score = acc[lane]!;
          if (!(score > threshold)) continue;
          const id = ids[b * 4 + lane]!;
          if (id < 0 || isExcluded(exclude, i, id)) continue;
          let pos = k - 1;
          while (pos > 0 && outScores[o + pos - 1]! < score) {
            outScores[o + pos] = outScores[o + pos - 1]!;
            outIds[o + pos] = outIds[o + pos - 1]!;
            pos--;
          }
          outScores[o + pos] = score;
          outIds[o + pos] = id;
          threshold = outScores[o + k - 1]!;
        }
      }
    }
  }
}

/**
 * `top_k_rows(start, end, rows, x, fs, blocks, ids, tileNorms, blockCount, tileCount, k,
 * exIndptr, exIndices, outIds, outScores, scratch, quantised, stats, levels)`: the same in
 * WebAssembly SIMD; `rows`, `exIndptr` 0 for none; `scratch` topKScratchBytes(end − start, fs)
 * bytes of the caller's own; `quantised` and `stats` as layoutCandidates fills them for the
 * build's screening (`screeningOf`), `levels` quantisationLevels(fs, that).query.
 *
 * Unlike the TypeScript twin it walks the tiles in the outer loop and the queries inside, two at a
 * time: a tile (64 blocks, 256 candidates) is read from memory once for all the queries of the
 * call and stays in the second-level cache while they use it, and each loaded block serves both
 * queries of a pair (eight accumulators: two queries × four blocks). A pair skips a tile when the
 * norm bound rules it out for both.
 *
 * Screening: each query is quantised too (q = round(x / sₓ), sₓ = max|x| / levels), and four
 * blocks are scored against a pair in 8- or 16-bit integers (exact i32 sums; in 8 bits the
 * offsets are taken off: Σ(q + 64)(q′ + 64) = q·q′ + 64Σq + 64Σq′ + 4096·fs). With x̂ = sₓq and
 * ŷ = s_y q_y, x·y − x̂·ŷ = x·(y − ŷ) + (x − x̂)·ŷ, so
 *   x·y ≤ sₓ s_y (q·q_y) + ‖x‖₁ s_y/2 + (sₓ/2) ‖ŷ‖₁,
 * and the float32 score the exact pass computes is within fs·2⁻²⁴·‖x‖∞‖y‖₁ of x·y; the bound's
 * sₓ/2 term is raised by ‖x‖∞(fs + 8)·2⁻²² to cover that and the rounding of the bound itself. A
 * candidate whose bound is not above the K-th score cannot enter the list; the others are scored
 * in float32 with the same multiply-adds in the same order as a plain scan, so the lists and
 * their scores are the plain scan's.
 */
export function topKScratchBytes(queries: number, fs: number): number {
  return 64 + queries * (128 + fs * 16 + fs * 8);
}

/** The screening the build with (`fma`) or without relaxed SIMD uses. */
export function screeningOf(fma: boolean): Screening {
  return fma ? 'i8' : 'i16';
}

export function emitTopK(m: ModuleBuilder, fma: boolean): void {
  const i8 = screeningOf(fma) === 'i8';
  m.func({ name: 'top_k_rows', params: Array<'i32'>(19).fill('i32') }, (c) => {
    const [start, end, rows, X, fs, blocks, ids, tileNorms, , tileCount, k] = [
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ] as const;
    const [exIndptr, exIndices, outIds, outScores, scratch, quantisedAt, stats, levels] = [
      11, 12, 13, 14, 15, 16, 17, 18,
    ] as const;
    const i = c.local('i32');
    const i2 = c.local('i32');
    const row = c.local('i32');
    const xp = c.local('i32');
    const o = c.local('i32');
    const xsB = c.local('i32'); // fs·16: bytes of a splatted query and of one float32 block
    const xs16B = c.local('i32'); // bytes of a query's quantised splats and of one quantised block: fs·8 (16 bits) or fs·4
    const paramsAt = c.local('i32');
    const splatsAt = c.local('i32');
    const splats16At = c.local('i32');
    const pp = c.local('i32');
    const stp = c.local('i32');
    const bpf = c.local('i32');
    const d = c.local('i32');
    const t = c.local('i32');
    const b = c.local('i32');
    const bEnd = c.local('i32');
    const bp16 = c.local('i32');
    const lane = c.local('i32');
    const mask = c.local('i32');
    const id = c.local('i32');
    const lo = c.local('i32');
    const hi = c.local('i32');
    const mid = c.local('i32');
    const pos = c.local('i32');
    const qa = c.local('i32'); // float32 splats of the pair's queries
    const qb = c.local('i32');
    const qa16 = c.local('i32'); // their 16-bit pair splats
    const qb16 = c.local('i32');
    const norm = c.local('f32');
    const tileNorm = c.local('f32');
    const score = c.local('f32');
    const xd = c.local('f32');
    const xmax = c.local('f32');
    const xl1 = c.local('f32');
    const sx = c.local('f32');
    const inv = c.local('f32');
    const levelsF = c.local('f32');
    const accs = Array.from({ length: 8 }, () => c.local('v128'));
    const va = c.local('v128');
    const vb = c.local('v128');
    const tv = c.local('v128');
    const th = c.local('v128');
    const up = c.local('v128');
    const ex = c.local('v128');
    const groupPtrs = [c.local('i32'), c.local('i32'), c.local('i32'), c.local('i32')];

    const listAt = (query: number) => c.get(query).get(k).i32Mul().i32Const(2).i32Shl();
    /** The K-th score of `query`'s list (NO_SCORE until it is full). */
    const thresholdOf = (query: number) => {
      c.get(outScores);
      listAt(query);
      c.i32Add().get(k).i32Const(1).i32Sub().i32Const(2).i32Shl().i32Add().f32Load();
    };
    /**
     * Byte offset of `query`'s parameters (128 bytes: sₓ ×4, ‖x‖₁ ×4, the error factor ×4, ‖x‖
     * and padding, the 8-bit offset's correction ×4).
     */
    const paramsOf = (query: number) =>
      c.get(query).get(start).i32Sub().i32Const(7).i32Shl().get(paramsAt).i32Add();
    /** The quantised coordinate `offset` bytes into the query row, as an i32 (saturating). */
    const quantised = (offset: number) => {
      c.get(xp).get(d).i32Const(2).i32Shl().i32Add().f32Load(offset).get(inv).f32Mul().f32Nearest();
      c.get(levelsF).f32Neg().f32Max().get(levelsF).f32Min().i32TruncSatF32S();
    };

    c.get(fs).i32Const(4).i32Shl().set(xsB);
    c.get(fs)
      .i32Const(i8 ? 2 : 3)
      .i32Shl()
      .set(xs16B);
    c.get(levels).f32ConvertI32S().set(levelsF);
    c.get(scratch).i32Const(64).i32Add().set(paramsAt);
    c.get(end).get(start).i32Sub().i32Const(7).i32Shl().get(paramsAt).i32Add().set(splatsAt);
    c.get(end).get(start).i32Sub().get(xsB).i32Mul().get(splatsAt).i32Add().set(splats16At);

    // Each query: its list cleared, its coordinates splatted, its norm, its quantisation.
    c.get(start).set(i);
    c.block(() => {
      c.loop(() => {
        c.get(i).get(end).i32GeS().brIf(1);
        c.get(rows).if(
          () => c.get(rows).get(i).i32Const(2).i32Shl().i32Add().i32Load().set(row),
          () => c.get(i).set(row),
        );
        c.get(row).get(fs).i32Mul().i32Const(2).i32Shl().get(X).i32Add().set(xp);
        listAt(i);
        c.set(o);
        c.i32Const(0).set(pos);
        c.loop(() => {
          c.get(outScores)
            .get(o)
            .i32Add()
            .get(pos)
            .i32Const(2)
            .i32Shl()
            .i32Add()
            .f32Const(NO_SCORE)
            .f32Store();
          c.get(outIds).get(o).i32Add().get(pos).i32Const(2).i32Shl().i32Add().i32Const(-1).i32Store();
          c.get(pos).i32Const(1).i32Add().tee(pos).get(k).i32LtS().brIf(0);
        });
        c.get(i).get(start).i32Sub().get(xsB).i32Mul().get(splatsAt).i32Add().set(qa);
        c.f32Const(0).set(norm);
        c.f32Const(0).set(xmax);
        c.f32Const(0).set(xl1);
        c.i32Const(0).set(d);
        c.loop(() => {
          c.get(xp).get(d).i32Const(2).i32Shl().i32Add().f32Load().set(xd);
          c.get(qa).get(d).i32Const(4).i32Shl().i32Add().get(xd).f32x4Splat().v128Store();
          c.get(norm).get(xd).get(xd).f32Mul().f32Add().set(norm);
          c.get(xl1).get(xd).f32Abs().f32Add().set(xl1);
          c.get(xmax).get(xd).f32Abs().f32Max().set(xmax);
          c.get(d).i32Const(1).i32Add().tee(d).get(fs).i32LtU().brIf(0);
        });
        c.get(xmax).get(levelsF).f32Div().set(sx);
        // 1 / sₓ, or 0 for a zero query (every coordinate quantised to 0, sₓ = 0: the bound is 0).
        c.get(levelsF).get(xmax).f32Div().f32Const(0).get(xmax).f32Const(0).f32Gt().select().set(inv);
        paramsOf(i);
        c.set(pp);
        c.get(pp).get(sx).f32x4Splat().v128Store(0);
        c.get(pp).get(xl1).f32x4Splat().v128Store(16);
        c.get(pp)
          .get(sx)
          .f32Const(0.5)
          .f32Mul()
          .get(xmax)
          .get(fs)
          .f32ConvertI32S()
          .f32Const(8)
          .f32Add()
          .f32Mul()
          .f32Const(2 ** -22)
          .f32Mul()
          .f32Add()
          .f32x4Splat()
          .v128Store(32);
        c.get(pp).get(norm).f32Sqrt().f32Store(48);
        c.get(i).get(start).i32Sub().get(xs16B).i32Mul().get(splats16At).i32Add().set(qa16);
        c.i32Const(0).set(d);
        if (i8) {
          // The 8-bit quad splats (plus 64): coordinates 4p to 4p+3 in every i32 lane; 64·Σq + 4096·fs.
          c.i32Const(0).set(mask);
          c.loop(() => {
            c.get(qa16).get(d).i32Const(2).i32Shl().i32Add();
            for (let n = 0; n < 4; n++) {
              quantised(n * 4);
              c.tee(lo).get(mask).i32Add().set(mask);
              c.get(lo).i32Const(I8_OFFSET).i32Add();
              if (n > 0)
                c.i32Const(8 * n)
                  .i32Shl()
                  .i32Or();
            }
            c.i32x4Splat().v128Store();
            c.get(d).i32Const(4).i32Add().tee(d).get(fs).i32LtU().brIf(0);
          });
          c.get(pp)
            .get(mask)
            .get(fs)
            .i32Const(I8_OFFSET)
            .i32Mul()
            .i32Add()
            .i32Const(I8_OFFSET)
            .i32Mul()
            .i32x4Splat()
            .v128Store(64);
        } else {
          // The 16-bit pair splats: coordinates 2p and 2p+1 side by side in every i32 lane.
          c.loop(() => {
            c.get(qa16).get(d).i32Const(3).i32Shl().i32Add();
            quantised(0);
            c.i32Const(0xffff).i32And();
            quantised(4);
            c.i32Const(16).i32Shl().i32Or().i32x4Splat().v128Store();
            c.get(d).i32Const(2).i32Add().tee(d).get(fs).i32LtU().brIf(0);
          });
        }
        c.get(i).i32Const(1).i32Add().set(i);
        c.br(0);
      });
    });

    /**
     * The pair's query `query` (float32 splats at `splats`): the bounds of the four blocks the
     * accumulators from `first` hold; where one beats the K-th score, that block scored exactly
     * and its candidates inserted.
     */
    const check = (query: number, first: number, splats: number) => {
      c.block(() => {
        thresholdOf(query);
        c.f32x4Splat().set(th);
        paramsOf(query);
        c.set(pp);
        c.get(b)
          .i32Const(BLOCK_STATS * 4)
          .i32Mul()
          .get(stats)
          .i32Add()
          .set(stp);
        c.i32Const(0).set(mask);
        for (let n = 0; n < 4; n++) {
          const st = n * BLOCK_STATS * 4;
          c.get(accs[first + n]!);
          if (i8)
            c.get(pp)
              .v128Load(64)
              .i32x4Sub()
              .get(stp)
              .v128Load(st + 48)
              .i32x4Sub();
          c.f32x4ConvertI32x4S();
          c.get(pp).v128Load(0).get(stp).v128Load(st).f32x4Mul().f32x4Mul();
          c.get(pp)
            .v128Load(16)
            .get(stp)
            .v128Load(st + 16)
            .f32x4Mul();
          c.get(pp)
            .v128Load(32)
            .get(stp)
            .v128Load(st + 32)
            .f32x4Mul();
          c.f32x4Add().f32x4Add().set(up);
          c.get(up).get(th).f32x4Gt().i32x4Bitmask();
          if (n > 0) c.i32Const(4 * n).i32Shl();
          c.get(mask).i32Or().set(mask);
        }
        c.get(mask).i32Eqz().brIf(0);
        // The blocks with a candidate through: their float32 scores, as a plain scan computes them.
        for (let n = 0; n < 4; n++)
          c.get(mask)
            .i32Const(4 * n)
            .i32ShrU()
            .i32Const(15)
            .i32And()
            .if(() => {
              c.get(b).i32Const(n).i32Add().get(xsB).i32Mul().get(blocks).i32Add().set(bpf);
              c.v128Const0().set(ex);
              c.i32Const(0).set(d);
              c.loop(() => {
                c.mulAdd(
                  fma,
                  () => c.get(splats).get(d).i32Add().v128Load(),
                  () => c.get(bpf).get(d).i32Add().v128Load(),
                  () => c.get(ex),
                ).set(ex);
                c.get(d).i32Const(16).i32Add().tee(d).get(xsB).i32LtU().brIf(0);
              });
              c.get(scratch)
                .get(ex)
                .v128Store(n * 16);
            });
        listAt(query);
        c.set(o);
        c.i32Const(0).set(lane);
        c.loop(() => {
          c.block(() => {
            c.get(mask).get(lane).i32ShrU().i32Const(1).i32And().i32Eqz().brIf(0);
            c.get(scratch).get(lane).i32Const(2).i32Shl().i32Add().f32Load().tee(score);
            thresholdOf(query);
            c.f32Gt().i32Eqz().brIf(0); // not above the K-th score (which may have risen meanwhile)
            c.get(ids)
              .get(b)
              .i32Const(2)
              .i32Shl()
              .get(lane)
              .i32Add()
              .i32Const(2)
              .i32Shl()
              .i32Add()
              .i32Load()
              .tee(id);
            c.i32Const(0).i32LtS().brIf(0);
            // Leave out the query's own items: binary search in its sorted row.
            c.get(exIndptr).if(() => {
              c.get(exIndptr).get(query).i32Const(2).i32Shl().i32Add().i32Load().set(lo);
              c.get(exIndptr).get(query).i32Const(2).i32Shl().i32Add().i32Load(4).set(hi);
              c.get(hi).set(pos);
              c.block(() => {
                c.loop(() => {
                  c.get(lo).get(hi).i32GeS().brIf(1);
                  c.get(lo).get(hi).i32Add().i32Const(1).i32ShrU().set(mid);
                  c.get(exIndices).get(mid).i32Const(2).i32Shl().i32Add().i32Load().get(id).i32LtS();
                  c.if(
                    () => c.get(mid).i32Const(1).i32Add().set(lo),
                    () => c.get(mid).set(hi),
                  );
                  c.br(0);
                });
              });
              c.get(lo)
                .get(pos)
                .i32LtS()
                .if(() => {
                  c.get(exIndices).get(lo).i32Const(2).i32Shl().i32Add().i32Load().get(id).i32Eq().brIf(2);
                });
            });
            // Insert, keeping the list in decreasing order (ties: the earlier candidate first).
            c.get(k).i32Const(1).i32Sub().set(pos);
            c.block(() => {
              c.loop(() => {
                c.get(pos).i32Eqz().brIf(1);
                c.get(outScores)
                  .get(o)
                  .i32Add()
                  .get(pos)
                  .i32Const(1)
                  .i32Sub()
                  .i32Const(2)
                  .i32Shl()
                  .i32Add()
                  .f32Load();
                c.get(score).f32Lt().i32Eqz().brIf(1);
                c.get(outScores).get(o).i32Add().get(pos).i32Const(2).i32Shl().i32Add();
                c.get(outScores)
                  .get(o)
                  .i32Add()
                  .get(pos)
                  .i32Const(1)
                  .i32Sub()
                  .i32Const(2)
                  .i32Shl()
                  .i32Add()
                  .f32Load();
                c.f32Store();
                c.get(outIds).get(o).i32Add().get(pos).i32Const(2).i32Shl().i32Add();
                c.get(outIds)
                  .get(o)
                  .i32Add()
                  .get(pos)
                  .i32Const(1)
                  .i32Sub()
                  .i32Const(2)
                  .i32Shl()
                  .i32Add()
                  .i32Load();
                c.i32Store();
                c.get(pos).i32Const(1).i32Sub().set(pos);
                c.br(0);
              });
            });
            c.get(outScores).get(o).i32Add().get(pos).i32Const(2).i32Shl().i32Add().get(score).f32Store();
            c.get(outIds).get(o).i32Add().get(pos).i32Const(2).i32Shl().i32Add().get(id).i32Store();
          });
          c.get(lane).i32Const(1).i32Add().tee(lane).i32Const(16).i32LtU().brIf(0);
        });
      });
    };

    /** Whether query `query` may still gain from the tile: ‖x‖ · the tile's largest norm > its threshold. */
    const mayGain = (query: number) => {
      paramsOf(query);
      c.f32Load(48).get(tileNorm).f32Mul();
      thresholdOf(query);
      c.f32Gt();
    };

    /** Screens the tile's blocks for query i (and i2 when `pair`), four blocks at a time. */
    const scoreTile = (pair: boolean) => {
      c.loop(() => {
        for (const acc of pair ? accs : accs.slice(0, 4)) c.v128Const0().set(acc);
        c.get(bp16).set(groupPtrs[0]!);
        c.get(bp16).get(xs16B).i32Add().set(groupPtrs[1]!);
        c.get(groupPtrs[1]!).get(xs16B).i32Add().set(groupPtrs[2]!);
        c.get(groupPtrs[2]!).get(xs16B).i32Add().set(groupPtrs[3]!);
        c.i32Const(0).set(d);
        c.loop(() => {
          c.get(qa16).get(d).i32Add().v128Load().set(va);
          if (pair) c.get(qb16).get(d).i32Add().v128Load().set(vb);
          for (let n = 0; n < 4; n++) {
            c.get(groupPtrs[n]!).get(d).i32Add().v128Load().set(tv);
            for (const [q, acc] of pair ? [[va, n] as const, [vb, 4 + n] as const] : [[va, n] as const]) {
              c.get(q).get(tv);
              // In 8 bits: the i16x8 dot and a pairwise add (Node 20's V8 computes the one-instruction
              // i32x4.relaxed_dot_i8x16_i7x16_add_s wrongly: twice the products, without the addend).
              if (i8) c.i16x8RelaxedDotI8x16I7x16S().i32x4ExtaddPairwiseI16x8S();
              else c.i32x4DotI16x8S();
              c.get(accs[acc]!).i32x4Add().set(accs[acc]!);
            }
          }
          c.get(d).i32Const(16).i32Add().tee(d).get(xs16B).i32LtU().brIf(0);
        });
        check(i, 0, qa);
        if (pair) check(i2, 4, qb);
        c.get(bp16).get(xs16B).i32Const(2).i32Shl().i32Add().set(bp16);
        c.get(b).i32Const(4).i32Add().tee(b).get(bEnd).i32LtS().brIf(0);
      });
    };

    c.i32Const(0).set(t);
    c.block(() => {
      c.loop(() => {
        c.get(t).get(tileCount).i32GeS().brIf(1);
        c.get(tileNorms).get(t).i32Const(2).i32Shl().i32Add().f32Load().set(tileNorm);
        c.get(start).set(i);
        c.block(() => {
          c.loop(() => {
            c.get(i).get(end).i32GeS().brIf(1);
            c.get(i)
              .i32Const(1)
              .i32Add()
              .tee(i2)
              .get(end)
              .i32GeS()
              .if(() => c.get(i).set(i2));
            c.block(() => {
              mayGain(i);
              mayGain(i2);
              c.i32Or().i32Eqz().brIf(0);
              c.get(i).get(start).i32Sub().get(xsB).i32Mul().get(splatsAt).i32Add().set(qa);
              c.get(i2).get(start).i32Sub().get(xsB).i32Mul().get(splatsAt).i32Add().set(qb);
              c.get(i).get(start).i32Sub().get(xs16B).i32Mul().get(splats16At).i32Add().set(qa16);
              c.get(i2).get(start).i32Sub().get(xs16B).i32Mul().get(splats16At).i32Add().set(qb16);
              c.get(t).i32Const(TILE_BLOCKS_LOG2).i32Shl().set(b);
              c.get(b).i32Const(TILE_BLOCKS).i32Add().set(bEnd);
              c.get(b).get(xs16B).i32Mul().get(quantisedAt).i32Add().set(bp16);
              // A pair, or the last query alone (its own loop: scoring it twice would halve the rate).
              c.get(i2)
                .get(i)
                .i32Ne()
                .if(
                  () => scoreTile(true),
                  () => scoreTile(false),
                );
            });
            c.get(i).i32Const(2).i32Add().set(i);
            c.br(0);
          });
        });
        c.get(t).i32Const(1).i32Add().set(t);
        c.br(0);
      });
    });
  });
}
