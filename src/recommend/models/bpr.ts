/**
 * Bayesian personalised ranking (Rendle et al. 2009): stochastic gradient ascent on
 * ln σ(x_u·(y_i − y_j) + b_i − b_j) for a listened item i and an item j the user does not have,
 * with L2 regularisation; each epoch draws as many samples as there are stored cells. As in
 * benfred/implicit the positive is a random stored cell; the negative is drawn uniformly
 * (`negatives: 'uniform'`) or, as implicit does, from the stored cells, so in proportion to
 * popularity (`'popular'`). Input values are ignored: BPR sees the data as binary.
 *
 * It runs on one thread, in order, so a seed gives one model (implicit's Hogwild threads race).
 * Scores are x_u·y_i + b_i; the item bias rides as an extra factor (the user's is 1), so the
 * shared top-K kernel ranks them. A user folded in (a history other than the training one) is
 * fitted by a few epochs of the same updates on their items alone, the items fixed. BPR's user
 * vector is a free parameter, not a function of the history, so its explanation is one latent
 * part: nothing exact splits it by listened item.
 */
import { type Csr } from '../interactions/csr.js';
import { Heap, type Placed } from '../kernels/heap.js';
import type { KernelPool } from '../kernels/pool.js';
import { seededRandom } from '../kernels/random.js';
import { exclusionRows, paddedFactors } from './als.js';
import { FactorIndex, type Queries } from './factor-index.js';
import { decodeModelFile, encodeModelFile } from './model-file.js';
import {
  factorNeighbours,
  type Explanation,
  type FitInput,
  type FitReport,
  type Recommender,
  type RecommendRequest,
  type TopLists,
} from './model.js';
import { answeredRows } from './top-list.js';

export type BprParams = {
  factors: number;
  iterations: number;
  learningRate: number;
  regularization: number;
  negatives: 'uniform' | 'popular';
  seed: number;
};

export const BPR_DEFAULTS: BprParams = {
  factors: 64,
  iterations: 100,
  learningRate: 0.05,
  regularization: 0.001,
  negatives: 'uniform',
  seed: 1,
};

export class BprModel implements Recommender {
  readonly kind = 'bpr';
  readonly params: BprParams;
  private heap: Heap | null = null;
  /** users × fs; the last used lane holds 1 (the bias's partner). */
  private x: Placed<Float32Array> | null = null;
  /** items × fs; the lane after the factors holds the item bias. */
  private y: Placed<Float32Array> | null = null;
  private fs = 0;
  private items = 0;
  private train: Csr | null = null;
  private index: FactorIndex | null = null;
  private pool: KernelPool | null = null;

  constructor(params: Partial<BprParams> = {}) {
    this.params = { ...BPR_DEFAULTS, ...params };
  }

  /** Lane of the bias: right after the factors. */
  private get biasLane(): number {
    return this.params.factors;
  }

  fit(input: FitInput): Promise<FitReport> {
    const started = performance.now();
    const { train } = input;
    const p = this.params;
    const fs = paddedFactors(p.factors + 1);
    const heap = new Heap((train.rows + train.cols) * fs * 4 + (1 << 20));
    const x = heap.float32(train.rows * fs);
    const y = heap.float32(train.cols * fs);
    const random = seededRandom(p.seed);
    const scale = 1 / p.factors;
    for (let u = 0; u < train.rows; u++) {
      for (let d = 0; d < p.factors; d++) x.array[u * fs + d] = (random() - 0.5) * scale;
      x.array[u * fs + this.biasLane] = 1;
    }
    for (let i = 0; i < train.cols; i++)
      for (let d = 0; d < p.factors; d++) y.array[i * fs + d] = (random() - 0.5) * scale;
    const nnz = train.indptr[train.rows]!;
    const rowOf = new Int32Array(nnz);
    for (let u = 0; u < train.rows; u++) rowOf.fill(u, train.indptr[u], train.indptr[u + 1]);
    const iterationStarted = performance.now();
    for (let epoch = 0; epoch < p.iterations; epoch++) {
      for (let s = 0; s < nnz; s++) {
        const k = Math.floor(random() * nnz);
        const u = rowOf[k]!;
        const i = train.indices[k]!;
        const j = this.negative(train, u, random);
        if (j < 0) continue;
        this.step(x.array, y.array, { u, i, j, fs, learnUser: true, learnItems: true });
      }
      input.progress?.('BPR epochs', epoch + 1, p.iterations);
    }
    const iterationSeconds = (performance.now() - iterationStarted) / 1000;
    this.heap = heap;
    this.x = x;
    this.y = y;
    this.fs = fs;
    this.items = train.cols;
    this.train = train;
    this.index = null;
    this.pool = input.pool;
    return Promise.resolve({
      seconds: (performance.now() - started) / 1000,
      secondsPerIteration: p.iterations > 0 ? iterationSeconds / p.iterations : null,
      iterations: p.iterations,
      losses: [],
    });
  }

  /** A negative for user u (an item they do not have), or −1 after a few tries. */
  private negative(train: Csr, u: number, random: () => number): number {
    const nnz = train.indptr[train.rows]!;
    for (let tries = 0; tries < 10; tries++) {
      const j =
        this.params.negatives === 'uniform'
          ? Math.floor(random() * train.cols)
          : train.indices[Math.floor(random() * nnz)]!;
      let lo = train.indptr[u]!;
      let hi = train.indptr[u + 1]!;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (train.indices[mid]! < j) lo = mid + 1;
        else hi = mid;
      }
      if (!(lo < train.indptr[u + 1]! && train.indices[lo] === j)) return j;
    }
    return -1;
  }

  /** One gradient step on the triple (u, i, j); the bias lane of x stays 1. */
  private step(
    X: Float32Array,
    Y: Float32Array,
    t: { u: number; i: number; j: number; fs: number; learnUser: boolean; learnItems: boolean },
  ): void {
    const { u, i, j, fs } = t;
    const { learningRate: lr, regularization: reg, factors } = this.params;
    const xo = u * fs;
    const io = i * fs;
    const jo = j * fs;
    let diff = Y[io + factors]! - Y[jo + factors]!;
    for (let d = 0; d < factors; d++) diff += X[xo + d]! * (Y[io + d]! - Y[jo + d]!);
    const z = 1 / (1 + Math.exp(diff));
    for (let d = 0; d < factors; d++) {
      const xd = X[xo + d]!;
      const yi = Y[io + d]!;
      const yj = Y[jo + d]!;
      if (t.learnUser) X[xo + d] = xd + lr * (z * (yi - yj) - reg * xd);
      if (t.learnItems) {
        Y[io + d] = yi + lr * (z * xd - reg * yi);
        Y[jo + d] = yj + lr * (-z * xd - reg * yj);
      }
    }
    if (t.learnItems) {
      Y[io + factors] = Y[io + factors]! + lr * (z - reg * Y[io + factors]!);
      Y[jo + factors] = Y[jo + factors]! + lr * (-z - reg * Y[jo + factors]!);
    }
  }

  private requireFitted(): { heap: Heap; x: Placed<Float32Array>; y: Placed<Float32Array> } {
    if (!this.heap || !this.x || !this.y) throw new Error('the BPR model has not been fitted or loaded');
    return { heap: this.heap, x: this.x, y: this.y };
  }

  /** A user vector for row `user` of a history the model was not fitted on. */
  private foldIn(history: Csr, user: number): Float32Array {
    const { y } = this.requireFitted();
    const fs = this.fs;
    const X = new Float32Array(fs);
    X[this.biasLane] = 1;
    const random = seededRandom(this.params.seed + user);
    const cells = history.indptr[user + 1]! - history.indptr[user]!;
    const view: Csr = { ...history, cols: Math.min(history.cols, this.items) };
    for (let epoch = 0; epoch < 50; epoch++)
      for (let s = 0; s < cells; s++) {
        const i = history.indices[history.indptr[user]! + Math.floor(random() * cells)]!;
        if (i >= this.items) continue;
        const j = this.negative(view, user, random);
        if (j < 0) continue;
        // The step reads and writes row 0 of X: shift the user there.
        this.step(X, y.array, { u: 0, i, j, fs, learnUser: true, learnItems: false });
      }
    return X;
  }

  async recommend(request: RecommendRequest): Promise<TopLists> {
    const { heap, x, y } = this.requireFitted();
    if (!this.pool) throw new Error('the BPR model has no kernel pool: fit it, or load it with one');
    const rows = answeredRows(request.users, request.history.rows);
    let queries: Queries;
    if (this.train !== null && request.history === this.train)
      queries = { placed: { x, rows }, count: rows.length };
    else {
      const vectors = new Float32Array(rows.length * this.fs);
      rows.forEach((user, n) => vectors.set(this.foldIn(request.history, user), n * this.fs));
      queries = { vectors, count: rows.length };
    }
    this.index ??= new FactorIndex(heap, y, { items: this.items, fs: this.fs });
    return this.index.topK({ pool: this.pool, queries, k: request.k, exclude: exclusionRows(request, rows) });
  }

  private userVector(history: Csr, user: number): Float32Array {
    const { x } = this.requireFitted();
    return this.train !== null && history === this.train
      ? x.array.subarray(user * this.fs, (user + 1) * this.fs)
      : this.foldIn(history, user);
  }

  score(history: Csr, user: number, items: Int32Array): Float32Array {
    const { y } = this.requireFitted();
    const xu = this.userVector(history, user);
    return Float32Array.from(items, (i) => {
      let s = 0;
      for (let d = 0; d < this.fs; d++) s += xu[d]! * y.array[i * this.fs + d]!;
      return s;
    });
  }

  explain(history: Csr, user: number, item: number): Promise<Explanation> {
    const score = this.score(history, user, Int32Array.of(item))[0]!;
    return Promise.resolve({ score, parts: [{ kind: 'latent', contribution: score }], rest: 0 });
  }

  similarItems(item: number, count: number): { item: number; similarity: number }[] {
    const { y } = this.requireFitted();
    return factorNeighbours(y.array, { rows: this.items, fs: this.fs }, item, count);
  }

  save(): Uint8Array {
    const { x, y } = this.requireFitted();
    return encodeModelFile({
      header: { kind: this.kind, params: this.params, fs: this.fs, items: this.items },
      arrays: { x: x.array, y: y.array },
    });
  }

  static load(bytes: Uint8Array, pool: KernelPool): BprModel {
    const file = decodeModelFile(bytes, 'the BPR model');
    const header = file.header as { params: BprParams; fs: number; items: number };
    const model = new BprModel(header.params);
    const heap = new Heap();
    model.heap = heap;
    model.x = heap.copyFloat32(file.arrays.x as Float32Array);
    model.y = heap.copyFloat32(file.arrays.y as Float32Array);
    model.fs = header.fs;
    model.items = header.items;
    model.pool = pool;
    return model;
  }
}
