import { describe, expect, it } from 'vitest';
import { Heap } from './heap.js';
import { seededRandom } from './random.js';
import { candidateShape, layoutCandidates, topKRows, topKScratchBytes } from './top-k.js';
import { instantiateKernels, kernelModule } from './wasm-kernels.js';

// Random factors, some queries, each with a few items to leave out: both kernels must return
// exactly the brute-force top-K (ties broken the same way), whatever the pruning did.
const fs = 16;
const n = 301;
const queries = 20;
const k = 7;
const random = seededRandom(5);
const heap = new Heap();
const y = heap.float32(n * fs);
for (let i = 0; i < n; i++)
  for (let d = 0; d < 12; d++) y.array[i * fs + d] = (random() - 0.4) / (1 + i / 40);
const x = heap.float32(queries * fs);
for (let i = 0; i < queries * fs; i++) x.array[i] = i % fs < 12 ? random() - 0.5 : 0;
const excluded = Array.from({ length: queries }, () =>
  [...new Set(Array.from({ length: 5 }, () => Math.floor(random() * 40)))].sort((a, b) => a - b),
);
const exPtr = heap.copyInt32(
  Int32Array.from([0, ...excluded.map((_, q) => excluded.slice(0, q + 1).flat().length)]),
);
const exIdx = heap.copyInt32(Int32Array.from(excluded.flat()));
const shape = candidateShape(n);
const blocks = heap.float32(shape.blockCount * fs * 4);
const ids = heap.int32(shape.blockCount * 4);
const tileNorms = heap.float32(shape.tileCount);
layoutCandidates(y.array, fs, n, {
  blocks: blocks.array,
  ids: ids.array,
  tileNorms: tileNorms.array,
  ...shape,
});

function bruteForce(q: number): number[] {
  const scores: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (excluded[q]!.includes(i)) continue;
    let s = 0;
    for (let d = 0; d < fs; d++) s += Math.fround(x.array[q * fs + d]! * y.array[i * fs + d]!);
    scores.push([s, i]);
  }
  return scores
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, i]) => i);
}

describe('exact top-K with norm pruning', () => {
  it('the TypeScript kernel returns the brute-force lists', () => {
    const outIds = new Int32Array(queries * k);
    const outScores = new Float32Array(queries * k);
    topKRows(
      {
        x: x.array,
        fs,
        candidates: { blocks: blocks.array, ids: ids.array, tileNorms: tileNorms.array, ...shape },
        k,
        exclude: { indptr: exPtr.array, indices: exIdx.array },
        rows: null,
        outIds,
        outScores,
      },
      0,
      queries,
    );
    for (let q = 0; q < queries; q++)
      expect([...outIds.subarray(q * k, q * k + k)].sort()).toEqual(bruteForce(q).sort());
  });

  it('the WebAssembly kernel returns the same', () => {
    const module = kernelModule();
    if (!module) return;
    const outIds = heap.int32(queries * k);
    const outScores = heap.float32(queries * k);
    const scratch = heap.allocate(topKScratchBytes(queries, fs));
    instantiateKernels(heap.memory, module).top_k_rows(
      0,
      queries,
      0,
      x.offset,
      fs,
      blocks.offset,
      ids.offset,
      tileNorms.offset,
      shape.blockCount,
      shape.tileCount,
      k,
      exPtr.offset,
      exIdx.offset,
      outIds.offset,
      outScores.offset,
      scratch,
    );
    for (let q = 0; q < queries; q++) {
      expect([...outIds.array.subarray(q * k, q * k + k)].sort()).toEqual(bruteForce(q).sort());
      for (let r = 1; r < k; r++)
        expect(outScores.array[q * k + r]!).toBeLessThanOrEqual(outScores.array[q * k + r - 1]!);
    }
  });
});
