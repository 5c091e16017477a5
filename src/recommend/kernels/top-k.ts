/**
 * Exact top-K by inner product (the recommendations of a factor model) with norm pruning: the
 * candidates are stored sorted by decreasing norm, four to a block with their coordinates
 * interleaved (a block's d-th four floats are the four vectors' d-th coordinates), and grouped in
 * tiles. A score is at most ‖x‖·‖y‖ (Cauchy–Schwarz), so once ‖x‖ times the largest norm of a tile
 * is no more than the K-th best score so far, nothing in that tile or any later one can enter the
 * list, and the scan stops. The answer is the same as scoring every candidate; on factor models
 * the popular items, whose vectors are longest, come first and fill the list early.
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

/** Candidates laid out for the scan (see the file comment). */
export interface CandidateBlocks {
  /** blocks × fs × 4 floats. */
  blocks: Float32Array;
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
 * Fills `out` (arrays sized by candidateShape) from factor rows `y` (n × fs), in decreasing order
 * of norm (ties by id).
 */
export function layoutCandidates(y: Float32Array, fs: number, n: number, out: CandidateBlocks): void {
  const norms = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = 0; d < fs; d++) s += y[i * fs + d]! * y[i * fs + d]!;
    norms[i] = Math.sqrt(s);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => norms[b]! - norms[a]! || a - b);
  out.blocks.fill(0);
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
 * exIndptr, exIndices, outIds, outScores, scratch)`: the same in WebAssembly SIMD; `rows`,
 * `exIndptr` 0 for none; `scratch` topKScratchBytes(end − start, fs) bytes of the caller's own.
 *
 * Unlike the TypeScript twin it walks the tiles in the outer loop and the queries inside, two at a
 * time: a tile (64 blocks, 256 candidates) is read from memory once for all the queries of the
 * call and stays in the second-level cache while they use it, and each loaded block serves both
 * queries of a pair (eight accumulators: two queries × four blocks). A pair skips a tile when the
 * norm bound rules it out for both.
 */
export function topKScratchBytes(queries: number, fs: number): number {
  return 64 + Math.ceil((queries * 4) / 16) * 16 + queries * fs * 16;
}

export function emitTopK(m: ModuleBuilder, fma: boolean): void {
  m.func({ name: 'top_k_rows', params: Array<'i32'>(16).fill('i32') }, (c) => {
    const [start, end, rows, X, fs, blocks, ids, tileNorms, , tileCount, k] = [
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ] as const;
    const [exIndptr, exIndices, outIds, outScores, scratch] = [11, 12, 13, 14, 15] as const;
    const i = c.local('i32');
    const i2 = c.local('i32');
    const row = c.local('i32');
    const xp = c.local('i32');
    const o = c.local('i32');
    const xsB = c.local('i32'); // fs·16: bytes of a splatted query and of one block
    const normsAt = c.local('i32');
    const splatsAt = c.local('i32');
    const d = c.local('i32');
    const t = c.local('i32');
    const b = c.local('i32');
    const bEnd = c.local('i32');
    const bp = c.local('i32');
    const lane = c.local('i32');
    const mask = c.local('i32');
    const id = c.local('i32');
    const lo = c.local('i32');
    const hi = c.local('i32');
    const mid = c.local('i32');
    const pos = c.local('i32');
    const qa = c.local('i32'); // splats of the pair's queries
    const qb = c.local('i32');
    const norm = c.local('f32');
    const tileNorm = c.local('f32');
    const score = c.local('f32');
    const xd = c.local('f32');
    const accs = Array.from({ length: 8 }, () => c.local('v128'));
    const va = c.local('v128');
    const vb = c.local('v128');
    const th = c.local('v128');
    const groupPtrs = [c.local('i32'), c.local('i32'), c.local('i32'), c.local('i32')];

    const listAt = (query: number) => c.get(query).get(k).i32Mul().i32Const(2).i32Shl();
    /** The K-th score of `query`'s list (NO_SCORE until it is full). */
    const thresholdOf = (query: number) => {
      c.get(outScores);
      listAt(query);
      c.i32Add().get(k).i32Const(1).i32Sub().i32Const(2).i32Shl().i32Add().f32Load();
    };

    c.get(fs).i32Const(4).i32Shl().set(xsB);
    c.get(scratch).i32Const(64).i32Add().set(normsAt);
    c.get(end).get(start).i32Sub().i32Const(2).i32Shl().i32Const(15).i32Add().i32Const(-16).i32And();
    c.get(normsAt).i32Add().set(splatsAt);

    // Each query: its list cleared, its coordinates splatted, its norm.
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
        c.i32Const(0).set(d);
        c.loop(() => {
          c.get(xp).get(d).i32Const(2).i32Shl().i32Add().f32Load().set(xd);
          c.get(qa).get(d).i32Const(4).i32Shl().i32Add().get(xd).f32x4Splat().v128Store();
          c.get(norm).get(xd).get(xd).f32Mul().f32Add().set(norm);
          c.get(d).i32Const(1).i32Add().tee(d).get(fs).i32LtU().brIf(0);
        });
        c.get(normsAt)
          .get(i)
          .get(start)
          .i32Sub()
          .i32Const(2)
          .i32Shl()
          .i32Add()
          .get(norm)
          .f32Sqrt()
          .f32Store();
        c.get(i).i32Const(1).i32Add().set(i);
        c.br(0);
      });
    });

    /** The pair's query `query` (its splats at `splats`) above its threshold: insert what the accumulators hold. */
    const check = (query: number, first: number) => {
      c.block(() => {
        thresholdOf(query);
        c.f32x4Splat().set(th);
        c.get(accs[first]!).get(th).f32x4Gt().i32x4Bitmask();
        c.get(accs[first + 1]!)
          .get(th)
          .f32x4Gt()
          .i32x4Bitmask()
          .i32Const(4)
          .i32Shl()
          .i32Or();
        c.get(accs[first + 2]!)
          .get(th)
          .f32x4Gt()
          .i32x4Bitmask()
          .i32Const(8)
          .i32Shl()
          .i32Or();
        c.get(accs[first + 3]!)
          .get(th)
          .f32x4Gt()
          .i32x4Bitmask()
          .i32Const(12)
          .i32Shl()
          .i32Or();
        c.tee(mask).i32Eqz().brIf(0);
        for (let n = 0; n < 4; n++)
          c.get(scratch)
            .get(accs[first + n]!)
            .v128Store(n * 16);
        listAt(query);
        c.set(o);
        c.i32Const(0).set(lane);
        c.loop(() => {
          c.block(() => {
            c.get(mask).get(lane).i32ShrU().i32Const(1).i32And().i32Eqz().brIf(0);
            c.get(scratch).get(lane).i32Const(2).i32Shl().i32Add().f32Load().tee(score);
            thresholdOf(query);
            c.f32Gt().i32Eqz().brIf(0); // the threshold rose past it meanwhile
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
      c.get(normsAt).get(query).get(start).i32Sub().i32Const(2).i32Shl().i32Add().f32Load();
      c.get(tileNorm).f32Mul();
      thresholdOf(query);
      c.f32Gt();
    };

    /** Scores the tile's blocks for query i (and i2 when `pair`), four blocks at a time. */
    const scoreTile = (pair: boolean) => {
      c.loop(() => {
        for (const acc of pair ? accs : accs.slice(0, 4)) c.v128Const0().set(acc);
        c.get(bp).set(groupPtrs[0]!);
        c.get(bp).get(xsB).i32Add().set(groupPtrs[1]!);
        c.get(groupPtrs[1]!).get(xsB).i32Add().set(groupPtrs[2]!);
        c.get(groupPtrs[2]!).get(xsB).i32Add().set(groupPtrs[3]!);
        c.i32Const(0).set(d);
        c.loop(() => {
          c.get(qa).get(d).i32Add().v128Load().set(va);
          if (pair) c.get(qb).get(d).i32Add().v128Load().set(vb);
          for (let n = 0; n < 4; n++) {
            c.get(groupPtrs[n]!).get(d).i32Add().v128Load().set(th); // th: a temporary here
            c.mulAdd(
              fma,
              () => c.get(va),
              () => c.get(th),
              () => c.get(accs[n]!),
            ).set(accs[n]!);
            if (pair)
              c.mulAdd(
                fma,
                () => c.get(vb),
                () => c.get(th),
                () => c.get(accs[4 + n]!),
              ).set(accs[4 + n]!);
          }
          c.get(d).i32Const(16).i32Add().tee(d).get(xsB).i32LtU().brIf(0);
        });
        check(i, 0);
        if (pair) check(i2, 4);
        c.get(bp).get(xsB).i32Const(2).i32Shl().i32Add().set(bp);
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
              c.get(t).i32Const(TILE_BLOCKS_LOG2).i32Shl().set(b);
              c.get(b).i32Const(TILE_BLOCKS).i32Add().set(bEnd);
              c.get(b).get(xsB).i32Mul().get(blocks).i32Add().set(bp);
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
