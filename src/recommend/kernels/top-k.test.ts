import { describe, expect, it } from 'vitest';
import { Heap } from './heap.js';
import { seededRandom } from './random.js';
import {
  BLOCK_STATS,
  candidateShape,
  layoutCandidates,
  quantisationLevels,
  screeningOf,
  topKRows,
  topKScratchBytes,
} from './top-k.js';
import { instantiateKernels, kernelBuild, kernelModule } from './wasm-kernels.js';

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
const screening = screeningOf(kernelBuild() === 'wasm-simd-fma');
const quantisedOf = (h: Heap, length: number) => (screening === 'i8' ? h.int8(length) : h.int16(length));
const quantised = quantisedOf(heap, shape.blockCount * fs * 4);
const stats = heap.float32(shape.blockCount * BLOCK_STATS);
layoutCandidates(y.array, fs, n, {
  blocks: blocks.array,
  quantised: quantised.array,
  stats: stats.array,
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
      quantised.offset,
      stats.offset,
      quantisationLevels(fs, screening).query,
    );
    for (let q = 0; q < queries; q++) {
      expect([...outIds.array.subarray(q * k, q * k + k)].sort()).toEqual(bruteForce(q).sort());
      for (let r = 1; r < k; r++)
        expect(outScores.array[q * k + r]!).toBeLessThanOrEqual(outScores.array[q * k + r - 1]!);
    }
  });
});

describe('the 16-bit screening of the WebAssembly kernel', () => {
  it('keeps every candidate that belongs in the list, even among near and exact ties', () => {
    const module = kernelModule();
    if (!module) return;
    // Fifty vectors and, for the rest, copies of them (a third exact, the others moved by 2⁻²⁰ in
    // one coordinate), so the best scores come in clusters that tie exactly or differ by far less
    // than 16-bit values resolve. Coordinates are multiples of 2⁻²⁰, so each product is exact in
    // float64 and the reference below rounds as the kernel's float32 pass does (a fused
    // multiply-add, or a multiply then an add). The answer must be that pass's own, ties kept in
    // the scan's order (the layout's slots).
    const fused = kernelBuild() === 'wasm-simd-fma';
    const n = 700;
    const queries = 24;
    const k = 10;
    const random = seededRandom(11);
    const h = new Heap();
    const y = h.float32(n * fs);
    const value = () => Math.round((random() * 1.2 - 0.6) * 2 ** 20) / 2 ** 20;
    for (let i = 0; i < n; i++)
      for (let d = 0; d < fs; d++) y.array[i * fs + d] = i < 50 ? value() : y.array[(i % 50) * fs + d]!;
    for (let i = 50; i < n; i++)
      if (i % 3 !== 0) y.array[i * fs + Math.floor(random() * fs)]! += (random() < 0.5 ? -1 : 1) / 2 ** 20;
    const x = h.float32(queries * fs);
    for (let i = 0; i < queries * fs; i++) x.array[i] = value();
    const shape = candidateShape(n);
    const layout = {
      blocks: h.float32(shape.blockCount * fs * 4),
      quantised: quantisedOf(h, shape.blockCount * fs * 4),
      stats: h.float32(shape.blockCount * BLOCK_STATS),
      ids: h.int32(shape.blockCount * 4),
      tileNorms: h.float32(shape.tileCount),
    };
    layoutCandidates(y.array, fs, n, {
      blocks: layout.blocks.array,
      quantised: layout.quantised.array,
      stats: layout.stats.array,
      ids: layout.ids.array,
      tileNorms: layout.tileNorms.array,
      ...shape,
    });
    const slot = new Int32Array(n);
    layout.ids.array.forEach((id, s) => {
      if (id >= 0) slot[id] = s;
    });
    const outIds = h.int32(queries * k);
    const outScores = h.float32(queries * k);
    instantiateKernels(h.memory, module).top_k_rows(
      0,
      queries,
      0,
      x.offset,
      fs,
      layout.blocks.offset,
      layout.ids.offset,
      layout.tileNorms.offset,
      shape.blockCount,
      shape.tileCount,
      k,
      0,
      0,
      outIds.offset,
      outScores.offset,
      h.allocate(topKScratchBytes(queries, fs)),
      layout.quantised.offset,
      layout.stats.offset,
      quantisationLevels(fs, screening).query,
    );
    for (let q = 0; q < queries; q++) {
      const exact = Array.from({ length: n }, (_, i) => {
        let s = 0;
        for (let d = 0; d < fs; d++) {
          const p = x.array[q * fs + d]! * y.array[i * fs + d]!;
          s = fused ? Math.fround(p + s) : Math.fround(s + Math.fround(p));
        }
        return { i, s };
      })
        .sort((a, b) => b.s - a.s || slot[a.i]! - slot[b.i]!)
        .slice(0, k);
      expect([...outIds.array.subarray(q * k, q * k + k)]).toEqual(exact.map((e) => e.i));
      expect([...outScores.array.subarray(q * k, q * k + k)]).toEqual(exact.map((e) => e.s));
    }
  });
});
