import { afterAll, describe, expect, it } from 'vitest';
import { csrFromRows, hasCell, selectRows } from '../interactions/csr.js';
import { conjugateGradientRows } from '../kernels/conjugate-gradient.js';
import { Heap } from '../kernels/heap.js';
import { KernelPool } from '../kernels/pool.js';
import { instantiateKernels, kernelModule } from '../kernels/wasm-kernels.js';
import { AlsModel } from './als.js';
import { clusteredMatrix } from './test-matrices.js';

const pool = new KernelPool(1);
const twoThreads = new KernelPool(2);
afterAll(async () => {
  await pool.close();
  await twoThreads.close();
});

const train = clusteredMatrix({ users: 40, items: 60, perUser: 12, seed: 3 });
const noFeatures = { itemFeatures: null };

describe('the conjugate-gradient kernel', () => {
  // One factor (padded to 16 lanes), items y = [1, 2], one user who played item 0 with
  // confidence 2, λ = 0.1: (YᵀY + λ + (c − 1)·1·1) x = c·1 → x = 2 / (1 + 4 + 0.1 + 1) = 2 / 6.1.
  const fs = 16;
  function system(heap: Heap) {
    const y = heap.float32(2 * fs);
    y.array[0] = 1;
    y.array[fs] = 2;
    const gram = heap.float32(fs * fs);
    gram.array[0] = 5.1;
    return {
      indptr: heap.copyInt32(Int32Array.of(0, 1)),
      indices: heap.copyInt32(Int32Array.of(0)),
      confidence: heap.copyFloat32(Float32Array.of(2)),
      x: heap.float32(fs),
      y,
      gram,
    };
  }

  it('solves a one-factor user by hand (TypeScript)', () => {
    const s = system(new Heap());
    const arrays = {
      indptr: s.indptr.array,
      indices: s.indices.array,
      confidence: s.confidence.array,
      x: s.x.array,
      y: s.y.array,
      gram: s.gram.array,
      fs,
      steps: 3,
    };
    conjugateGradientRows(arrays, 0, 1);
    expect(s.x.array[0]).toBeCloseTo(2 / 6.1, 6);
    expect([...s.x.array.subarray(1)].every((v) => v === 0)).toBe(true);
  });

  it('solves it the same in WebAssembly', () => {
    const module = kernelModule();
    if (!module) return; // no SIMD on this runtime: the TypeScript kernel above is what runs
    const heap = new Heap();
    const s = system(heap);
    const scratch = heap.float32(3 * fs);
    instantiateKernels(heap.memory, module).cg_rows(
      0,
      1,
      s.indptr.offset,
      s.indices.offset,
      s.confidence.offset,
      s.x.offset,
      s.y.offset,
      s.gram.offset,
      fs,
      3,
      scratch.offset,
    );
    expect(s.x.array[0]).toBeCloseTo(2 / 6.1, 6);
  });
});

describe('ALS', () => {
  it('never raises the training loss from one iteration to the next', async () => {
    const model = new AlsModel({
      factors: 8,
      iterations: 10,
      regularization: 0.1,
      alpha: 2,
      weighting: 'log',
      trackLoss: true,
    });
    const fit = await model.fit({ train, ...noFeatures, pool });
    expect(fit.losses).toHaveLength(10);
    for (let i = 1; i < fit.losses.length; i++)
      expect(fit.losses[i]!).toBeLessThanOrEqual(fit.losses[i - 1]! * (1 + 1e-5));
    expect(fit.losses.at(-1)!).toBeLessThan(fit.losses[0]!);
  });

  it('explains a score exactly: the listened items’ contributions sum to it', async () => {
    const model = new AlsModel({
      factors: 8,
      iterations: 5,
      regularization: 0.1,
      alpha: 2,
      weighting: 'log',
    });
    await model.fit({ train, ...noFeatures, pool });
    // A history other than the training matrix is folded in exactly; explanations decompose that.
    const history = selectRows(train, [0, 1, 2, 3, 4]);
    const lists = await model.recommend({ history, users: null, k: 5 });
    for (let user = 0; user < 5; user++)
      for (let r = 0; r < 5; r++) {
        const item = lists.ids[user * 5 + r]!;
        const e = await model.explain(history, user, item, 1000);
        const sum = e.parts.reduce((s, p) => s + p.contribution, e.rest);
        expect(sum).toBeCloseTo(e.score, 6);
        expect(e.score).toBeCloseTo(lists.scores[user * 5 + r]!, 4);
        expect(e.parts.every((p) => p.kind === 'item' && hasCell(history, user, p.item))).toBe(true);
      }
  });

  it('never recommends a training item', async () => {
    const model = new AlsModel({ factors: 8, iterations: 5 });
    await model.fit({ train, ...noFeatures, pool });
    const k = 40;
    const lists = await model.recommend({ history: train, users: null, k });
    for (let u = 0; u < train.rows; u++) {
      const ids = [...lists.ids.subarray(u * k, u * k + k)];
      expect(new Set(ids).size).toBe(k);
      for (const item of ids) expect(hasCell(train, u, item)).toBe(false);
    }
  });

  it('gives the same model for the same seed, on one thread or two', async () => {
    const a = new AlsModel({ factors: 8, iterations: 4, seed: 9 });
    const b = new AlsModel({ factors: 8, iterations: 4, seed: 9 });
    const c = new AlsModel({ factors: 8, iterations: 4, seed: 10 });
    await a.fit({ train, ...noFeatures, pool });
    await b.fit({ train, ...noFeatures, pool: twoThreads });
    await c.fit({ train, ...noFeatures, pool });
    expect([...b.userFactors()]).toEqual([...a.userFactors()]);
    expect([...b.itemFactors()]).toEqual([...a.itemFactors()]);
    expect([...c.itemFactors()]).not.toEqual([...a.itemFactors()]);
  }, 60_000);

  it('answers one user the same on two threads (the catalogue split between them) as on one', async () => {
    const big = clusteredMatrix({ users: 50, items: 3000, perUser: 40, seed: 4 });
    const model = new AlsModel({ factors: 16, iterations: 3 });
    await model.fit({ train: big, ...noFeatures, pool: twoThreads });
    const history = selectRows(big, [5]);
    const split = await model.recommend({ history, users: null, k: 20 });
    const one = await AlsModel.load(model.save(), pool).recommend({ history, users: null, k: 20 });
    expect([...split.ids]).toEqual([...one.ids]);
  }, 60_000);

  it('recommends the same after save and load', async () => {
    const model = new AlsModel({ factors: 8, iterations: 4 });
    await model.fit({ train, ...noFeatures, pool });
    const history = selectRows(train, [7, 8]);
    const before = await model.recommend({ history, users: null, k: 10 });
    const after = await AlsModel.load(model.save(), pool).recommend({ history, users: null, k: 10 });
    expect([...after.ids]).toEqual([...before.ids]);
  });

  it('folds in a new user from their history alone', async () => {
    // 40 users × 60 items: the defaults' λ = 20 (chosen on HetRec's 1,892 users) would pull every
    // factor towards the popular items, so this matrix gets a light one.
    const model = new AlsModel({ factors: 8, iterations: 6, regularization: 0.1, alpha: 1 });
    await model.fit({ train, ...noFeatures, pool });
    // Someone who played only items of user 0's cluster gets mostly that cluster back.
    const cluster = [...train.indices.subarray(train.indptr[0], train.indptr[1])].slice(0, 6);
    const history = csrFromRows(train.cols, [cluster.map((i) => [i, 5] as const)]);
    const lists = await model.recommend({ history, users: null, k: 10 });
    const sameCluster = [...lists.ids].filter((i) => i % 4 === 0).length;
    expect(sameCluster).toBeGreaterThanOrEqual(6);
  });
});
