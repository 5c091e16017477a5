/**
 * The kernels a pool can run, by name, on arrays of a Heap. A task is data only (offsets, lengths,
 * numbers), so a worker thread rebuilds the same views over the shared memory and runs the same
 * code as the main thread; the rows [0, total) are handed out in chunks, first come first served.
 */
import { conjugateGradientRows } from './conjugate-gradient.js';
import { gramRows } from './gram.js';
import { itemSimilarityRows } from './item-similarity.js';
import { BLOCK_STATS, TILE_BLOCKS, topKRows } from './top-k.js';
import type { KernelExports } from './wasm-kernels.js';

export type KernelName = 'cg' | 'gram' | 'top-k' | 'top-k-tiles' | 'item-similarity';

/** An array of the heap: where it is and what it holds. */
export interface ArrayRef {
  offset: number;
  length: number;
  type: 'f32' | 'i32' | 'i16' | 'i8';
}

export interface Task {
  kernel: KernelName;
  arrays: Record<string, ArrayRef>;
  numbers: Record<string, number>;
  /** Rows to process: [0, total). */
  total: number;
  /** Rows per chunk handed out. */
  chunk: number;
  /** Bytes of scratch each thread gets (at scratch + thread·scratchBytes). */
  scratchBytes: number;
  scratch: number;
}

export interface ThreadContext {
  memory: WebAssembly.Memory;
  /** The WebAssembly kernels over `memory`; null: run the TypeScript ones. */
  wasm: KernelExports | null;
  /** This thread's scratch (byte offset). */
  scratch: number;
}

function view(
  memory: WebAssembly.Memory,
  ref: ArrayRef | undefined,
  name: string,
): Float32Array | Int32Array {
  if (!ref) throw new Error(`kernel task: the array ${name} is missing`);
  if (ref.type === 'i16' || ref.type === 'i8')
    throw new Error(`kernel task: the array ${name} holds ${ref.type} values`);
  return ref.type === 'f32'
    ? new Float32Array(memory.buffer, ref.offset, ref.length)
    : new Int32Array(memory.buffer, ref.offset, ref.length);
}
function f32(memory: WebAssembly.Memory, task: Task, name: string): Float32Array {
  return view(memory, task.arrays[name], name) as Float32Array;
}
function i32(memory: WebAssembly.Memory, task: Task, name: string): Int32Array {
  return view(memory, task.arrays[name], name) as Int32Array;
}
function at(task: Task, name: string): number {
  const ref = task.arrays[name];
  return ref ? ref.offset : 0;
}
function num(task: Task, name: string): number {
  const value = task.numbers[name];
  if (value === undefined) throw new Error(`kernel task: the number ${name} is missing`);
  return value;
}

/** Runs rows [start, end) of `task` on this thread. */
export function runChunk(task: Task, ctx: ThreadContext, start: number, end: number): void {
  const { memory, wasm, scratch } = ctx;
  switch (task.kernel) {
    case 'cg':
      if (wasm)
        wasm.cg_rows(
          start,
          end,
          at(task, 'indptr'),
          at(task, 'indices'),
          at(task, 'confidence'),
          at(task, 'x'),
          at(task, 'y'),
          at(task, 'gram'),
          num(task, 'fs'),
          num(task, 'steps'),
          scratch,
        );
      else
        conjugateGradientRows(
          {
            indptr: i32(memory, task, 'indptr'),
            indices: i32(memory, task, 'indices'),
            confidence: f32(memory, task, 'confidence'),
            x: f32(memory, task, 'x'),
            y: f32(memory, task, 'y'),
            gram: f32(memory, task, 'gram'),
            fs: num(task, 'fs'),
            steps: num(task, 'steps'),
          },
          start,
          end,
        );
      return;
    case 'gram': {
      // Each chunk sums into its own slot of `out`; the caller adds the slots in chunk order, so
      // the result does not depend on which thread took which chunk (a fixed seed, one model).
      const fs = num(task, 'fs');
      const slot = at(task, 'out') + Math.floor(start / task.chunk) * fs * fs * 4;
      if (wasm) wasm.gram_rows(start, end, at(task, 'y'), fs, slot);
      else
        gramRows(f32(memory, task, 'y'), fs, { start, end }, new Float32Array(memory.buffer, slot, fs * fs));
      return;
    }
    case 'item-similarity': {
      const items = num(task, 'items');
      itemSimilarityRows(
        {
          itemPtr: i32(memory, task, 'itemPtr'),
          itemIdx: i32(memory, task, 'itemIdx'),
          itemVal: f32(memory, task, 'itemVal'),
          userPtr: i32(memory, task, 'userPtr'),
          userIdx: i32(memory, task, 'userIdx'),
          userVal: f32(memory, task, 'userVal'),
          scale: f32(memory, task, 'scale'),
          items,
          k: num(task, 'k'),
          outIds: i32(memory, task, 'outIds'),
          outSims: f32(memory, task, 'outSims'),
        },
        start,
        end,
        new Float32Array(memory.buffer, scratch, items),
      );
      return;
    }
    case 'top-k-tiles': {
      // One query, its tiles split: chunk c scans tiles [start, end) into its own list (slot c).
      const fs = num(task, 'fs');
      const k = num(task, 'k');
      const slot = Math.floor(start / task.chunk);
      const firstBlock = start * TILE_BLOCKS;
      const blockCount = (end - start) * TILE_BLOCKS;
      const hasExclude = task.arrays.exIndptr !== undefined;
      if (wasm)
        wasm.top_k_rows(
          0,
          1,
          at(task, 'rows'),
          at(task, 'x'),
          fs,
          at(task, 'blocks') + firstBlock * fs * 16,
          at(task, 'ids') + firstBlock * 16,
          at(task, 'tileNorms') + start * 4,
          blockCount,
          end - start,
          k,
          at(task, 'exIndptr'),
          at(task, 'exIndices'),
          at(task, 'outIds') + slot * k * 4,
          at(task, 'outScores') + slot * k * 4,
          scratch,
          at(task, 'quantised') + firstBlock * fs * 4 * num(task, 'quantisedBytes'),
          at(task, 'stats') + firstBlock * BLOCK_STATS * 4,
          num(task, 'levels'),
        );
      else
        topKRows(
          {
            x: f32(memory, task, 'x'),
            fs,
            candidates: {
              blocks: f32(memory, task, 'blocks').subarray(firstBlock * fs * 4),
              ids: i32(memory, task, 'ids').subarray(firstBlock * 4),
              tileNorms: f32(memory, task, 'tileNorms').subarray(start),
              blockCount,
              tileCount: end - start,
            },
            k,
            exclude: hasExclude
              ? { indptr: i32(memory, task, 'exIndptr'), indices: i32(memory, task, 'exIndices') }
              : null,
            rows: task.arrays.rows !== undefined ? i32(memory, task, 'rows') : null,
            outIds: i32(memory, task, 'outIds').subarray(slot * k),
            outScores: f32(memory, task, 'outScores').subarray(slot * k),
          },
          0,
          1,
        );
      return;
    }
    case 'top-k': {
      const fs = num(task, 'fs');
      const hasRows = task.arrays.rows !== undefined;
      const hasExclude = task.arrays.exIndptr !== undefined;
      if (wasm)
        wasm.top_k_rows(
          start,
          end,
          at(task, 'rows'),
          at(task, 'x'),
          fs,
          at(task, 'blocks'),
          at(task, 'ids'),
          at(task, 'tileNorms'),
          num(task, 'blockCount'),
          num(task, 'tileCount'),
          num(task, 'k'),
          at(task, 'exIndptr'),
          at(task, 'exIndices'),
          at(task, 'outIds'),
          at(task, 'outScores'),
          scratch,
          at(task, 'quantised'),
          at(task, 'stats'),
          num(task, 'levels'),
        );
      else
        topKRows(
          {
            x: f32(memory, task, 'x'),
            fs,
            candidates: {
              blocks: f32(memory, task, 'blocks'),
              ids: i32(memory, task, 'ids'),
              tileNorms: f32(memory, task, 'tileNorms'),
              blockCount: num(task, 'blockCount'),
              tileCount: num(task, 'tileCount'),
            },
            k: num(task, 'k'),
            exclude: hasExclude
              ? { indptr: i32(memory, task, 'exIndptr'), indices: i32(memory, task, 'exIndices') }
              : null,
            rows: hasRows ? i32(memory, task, 'rows') : null,
            outIds: i32(memory, task, 'outIds'),
            outScores: f32(memory, task, 'outScores'),
          },
          start,
          end,
        );
      return;
    }
  }
}

/** Takes chunks from the shared counter (an Int32 at `counter`) until none is left. */
export function drainChunks(task: Task, ctx: ThreadContext, counter: number): void {
  const next = new Int32Array(ctx.memory.buffer, counter, 1);
  const chunks = Math.ceil(task.total / task.chunk);
  for (let c = Atomics.add(next, 0, 1); c < chunks; c = Atomics.add(next, 0, 1))
    runChunk(task, ctx, c * task.chunk, Math.min(task.total, (c + 1) * task.chunk));
}
