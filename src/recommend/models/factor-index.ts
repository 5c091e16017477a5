/**
 * Top-K by inner product over a factor model's item vectors, on the kernel pool: the candidates
 * laid out once (by decreasing norm, see kernels/top-k.ts) in the model's heap, then any set of
 * query vectors answered in parallel. Queries take turns on the heap: each uses the memory above a
 * mark and gives it back.
 */
import type { Heap, Placed } from '../kernels/heap.js';
import type { KernelPool } from '../kernels/pool.js';
import type { ArrayRef, Task } from '../kernels/tasks.js';
import {
  BLOCK_STATS,
  candidateShape,
  layoutCandidates,
  quantisationLevels,
  screeningOf,
  topKScratchBytes,
} from '../kernels/top-k.js';
import type { TopLists } from './model.js';

const QUERIES_PER_CHUNK = 128;

export function refOf(
  placed: Placed<Float32Array> | Placed<Int32Array> | Placed<Int16Array> | Placed<Int8Array>,
): ArrayRef {
  const { array } = placed;
  const type =
    array instanceof Float32Array
      ? 'f32'
      : array instanceof Int16Array
        ? 'i16'
        : array instanceof Int8Array
          ? 'i8'
          : 'i32';
  return { offset: placed.offset, length: array.length, type };
}

export interface Queries {
  /** Query vectors already in the heap (fs apart), with the rows to use (null: 0…count−1)… */
  placed?: { x: Placed<Float32Array>; rows: Int32Array | null };
  /** …or vectors to copy in (count × fs). */
  vectors?: Float32Array;
  count: number;
}

/** The candidates laid out in the heap (kernels/top-k.ts). */
interface Layout {
  blocks: Placed<Float32Array>;
  quantised: Placed<Int16Array> | Placed<Int8Array>;
  /** The query's quantisation levels and the bytes of a quantised value, for the kernel. */
  levels: number;
  quantisedBytes: number;
  stats: Placed<Float32Array>;
  ids: Placed<Int32Array>;
  tileNorms: Placed<Float32Array>;
  blockCount: number;
  tileCount: number;
}

export class FactorIndex {
  private layoutDone: Layout | null = null;
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly heap: Heap,
    private readonly y: Placed<Float32Array>,
    private readonly shape: { items: number; fs: number },
  ) {}

  private layout(pool: KernelPool) {
    if (!this.layoutDone) {
      const { items, fs } = this.shape;
      const shape = candidateShape(items);
      const screening = screeningOf(pool.build === 'wasm-simd-fma');
      const blocks = this.heap.float32(shape.blockCount * fs * 4);
      const quantised =
        screening === 'i8'
          ? this.heap.int8(shape.blockCount * fs * 4)
          : this.heap.int16(shape.blockCount * fs * 4);
      const stats = this.heap.float32(shape.blockCount * BLOCK_STATS);
      const ids = this.heap.int32(shape.blockCount * 4);
      const tileNorms = this.heap.float32(shape.tileCount);
      layoutCandidates(this.y.array, fs, items, {
        blocks: blocks.array,
        quantised: quantised.array,
        stats: stats.array,
        ids: ids.array,
        tileNorms: tileNorms.array,
        ...shape,
      });
      this.layoutDone = {
        blocks,
        quantised,
        levels: quantisationLevels(fs, screening).query,
        quantisedBytes: screening === 'i8' ? 1 : 2,
        stats,
        ids,
        tileNorms,
        ...shape,
      };
    }
    return this.layoutDone;
  }

  /**
   * The K best items for each query, leaving out each query's sorted `exclude` row (numbered like
   * the queries).
   */
  topK(input: {
    pool: KernelPool;
    queries: Queries;
    k: number;
    exclude: { indptr: Int32Array; indices: Int32Array };
  }): Promise<TopLists> {
    const result = this.turn.then(() => this.run(input));
    this.turn = result.catch(() => undefined);
    return result;
  }

  private async run(input: {
    pool: KernelPool;
    queries: Queries;
    k: number;
    exclude: { indptr: Int32Array; indices: Int32Array };
  }): Promise<TopLists> {
    const { pool, queries, k } = input;
    const { fs } = this.shape;
    const candidates = this.layout(pool);
    const heap = this.heap;
    const mark = heap.mark();
    try {
      const x = queries.placed?.x ?? heap.copyFloat32(queries.vectors!);
      const rows = queries.placed?.rows ? heap.copyInt32(queries.placed.rows) : null;
      const exPtr = heap.copyInt32(input.exclude.indptr);
      const exIdx = heap.copyInt32(
        input.exclude.indices.length > 0 ? input.exclude.indices : new Int32Array(1),
      );
      const outIds = heap.int32(queries.count * k);
      const outScores = heap.float32(queries.count * k);
      if (queries.count === 1 && pool.threads > 1 && candidates.tileCount >= 2 * pool.threads)
        return await this.splitOne({ pool, k, x, rows, exPtr, exIdx, candidates });
      // Queries per chunk: enough that a tile read from memory serves many (see kernels/top-k.ts).
      const chunk = Math.max(1, Math.min(QUERIES_PER_CHUNK, Math.ceil(queries.count / pool.threads)));
      const scratchBytes = topKScratchBytes(chunk, fs);
      const scratch = heap.allocate(scratchBytes * pool.threads);
      const task: Task = {
        kernel: 'top-k',
        arrays: {
          x: refOf(x),
          blocks: refOf(candidates.blocks),
          quantised: refOf(candidates.quantised),
          stats: refOf(candidates.stats),
          ids: refOf(candidates.ids),
          tileNorms: refOf(candidates.tileNorms),
          exIndptr: refOf(exPtr),
          exIndices: refOf(exIdx),
          outIds: refOf(outIds),
          outScores: refOf(outScores),
          ...(rows ? { rows: refOf(rows) } : {}),
        },
        numbers: {
          fs,
          k,
          blockCount: candidates.blockCount,
          tileCount: candidates.tileCount,
          levels: candidates.levels,
          quantisedBytes: candidates.quantisedBytes,
        },
        total: queries.count,
        chunk,
        scratch,
        scratchBytes,
      };
      await pool.run(heap, task);
      return { k, count: queries.count, ids: outIds.array.slice(), scores: outScores.array.slice() };
    } finally {
      heap.reset(mark);
    }
  }

  /**
   * One query over every thread: a single query reads each candidate once, so it is bound by
   * memory bandwidth, and the threads' cores together read faster. Each scans a share of the tiles
   * into its own list; the lists are merged (ties: the earlier tile, as one scan would keep).
   */
  private async splitOne(input: {
    pool: KernelPool;
    k: number;
    x: Placed<Float32Array>;
    rows: Placed<Int32Array> | null;
    exPtr: Placed<Int32Array>;
    exIdx: Placed<Int32Array>;
    candidates: Layout;
  }): Promise<TopLists> {
    const { pool, k, candidates } = input;
    const { fs } = this.shape;
    const heap = this.heap;
    const parts = pool.threads;
    const chunk = Math.ceil(candidates.tileCount / parts);
    const outIds = heap.int32(parts * k);
    const outScores = heap.float32(parts * k);
    const scratchBytes = topKScratchBytes(1, fs);
    const scratch = heap.allocate(scratchBytes * parts);
    await pool.run(heap, {
      kernel: 'top-k-tiles',
      arrays: {
        x: refOf(input.x),
        blocks: refOf(candidates.blocks),
        quantised: refOf(candidates.quantised),
        stats: refOf(candidates.stats),
        ids: refOf(candidates.ids),
        tileNorms: refOf(candidates.tileNorms),
        exIndptr: refOf(input.exPtr),
        exIndices: refOf(input.exIdx),
        outIds: refOf(outIds),
        outScores: refOf(outScores),
        ...(input.rows ? { rows: refOf(input.rows) } : {}),
      },
      numbers: { fs, k, levels: candidates.levels, quantisedBytes: candidates.quantisedBytes },
      total: candidates.tileCount,
      chunk,
      scratch,
      scratchBytes,
    });
    const merged: { id: number; score: number; at: number }[] = [];
    for (let n = 0; n < parts * k; n++) {
      const id = outIds.array[n]!;
      if (id >= 0) merged.push({ id, score: outScores.array[n]!, at: n });
    }
    merged.sort((a, b) => b.score - a.score || a.at - b.at);
    const ids = new Int32Array(k).fill(-1);
    const scores = new Float32Array(k).fill(-Infinity);
    merged.slice(0, k).forEach((m, r) => {
      ids[r] = m.id;
      scores[r] = m.score;
    });
    return { k, count: 1, ids, scores };
  }
}
