/**
 * Matrix factorisation for implicit feedback (Hu, Koren and Volinsky 2008) trained by alternating
 * least squares with the conjugate-gradient solver (Takács et al. 2011), float32, the rows of each
 * half-sweep spread over the kernel pool's threads on one shared memory.
 *
 * Confidence is c = 1 + α × the weighted value on stored cells (preference 1) and 1 elsewhere
 * (preference 0), as Hu, Koren and Volinsky define it (benfred/implicit uses α × value, without
 * the 1, which lets a stored cell weigh less than an empty one). Scores for the training users come from the fitted factors; any
 * other history (a user's current listens, a new user) is folded in with an exact solve against
 * the item factors, which is also what the explanation decomposes: the score of item i is
 * Σ_j c_j · y_iᵀ W y_j over the listened items j, with W = (YᵀY + λI + Σ_j (c_j − 1) y_j y_jᵀ)⁻¹
 * (Hu et al. §5), and those terms sum to the score.
 */
import { nonZeros, transpose, type Csr } from '../interactions/csr.js';
import { applyWeighting, type Weighting } from '../interactions/weighting.js';
import { choleskyFactor, choleskySolve } from '../kernels/cholesky.js';
import { Heap, type Placed } from '../kernels/heap.js';
import type { KernelPool } from '../kernels/pool.js';
import { seededRandom } from '../kernels/random.js';
import type { Task } from '../kernels/tasks.js';
import { FactorIndex, refOf, type Queries } from './factor-index.js';
import { decodeModelFile, encodeModelFile } from './model-file.js';
import {
  factorNeighbours,
  limitParts,
  sumContributions,
  type Explanation,
  type ExplanationPart,
  type FitInput,
  type FitReport,
  type Recommender,
  type RecommendRequest,
  type TopLists,
} from './model.js';
import { answeredRows } from './top-list.js';

export type AlsParams = {
  factors: number;
  iterations: number;
  regularization: number;
  alpha: number;
  weighting: Weighting;
  /** BM25's K1 and B when weighting is bm25 (implicit's last.fm example: 100 and 0.8). */
  bm25K1: number;
  bm25B: number;
  cgSteps: number;
  seed: number;
  /** Compute the training loss after every iteration (costs about one extra pass over the data). */
  trackLoss: boolean;
};

export const ALS_DEFAULTS: AlsParams = {
  factors: 64,
  iterations: 15,
  regularization: 20,
  alpha: 0.01,
  weighting: 'bm25',
  bm25K1: 100,
  bm25B: 0.8,
  cgSteps: 3,
  seed: 1,
  trackLoss: false,
};

/** The factor count rounded up to 16 (four f32x4 lanes, a kernel loop's turn; the padding stays zero). */
export function paddedFactors(factors: number): number {
  return Math.ceil(factors / 16) * 16;
}

interface Fitted {
  heap: Heap;
  fs: number;
  users: number;
  items: number;
  x: Placed<Float32Array>;
  y: Placed<Float32Array>;
}

/** A user's solved system, kept for further explanations of the same user. */
interface UserSystem {
  history: Csr;
  user: number;
  /** Cholesky factor of W⁻¹ (float64, fs × fs). */
  factor: Float64Array;
  items: Int32Array;
  confidence: Float64Array;
  /** The exact user vector. */
  x: Float64Array;
}

export class AlsModel implements Recommender {
  readonly kind = 'als';
  readonly params: AlsParams;
  private fitted: Fitted | null = null;
  /** The matrix fitted on (its rows have fitted factors); null after load. */
  private train: Csr | null = null;
  private index: FactorIndex | null = null;
  /** YᵀY + λI in float64, for exact solves. */
  private gram64: Float64Array | null = null;
  private readonly weighted = new WeakMap<Csr, Csr>();
  private lastSystem: UserSystem | null = null;
  private pool: KernelPool | null = null;

  constructor(params: Partial<AlsParams> = {}) {
    this.params = { ...ALS_DEFAULTS, ...params };
    if (!Number.isInteger(this.params.factors) || this.params.factors < 1)
      throw new RangeError(`factors must be a whole number of 1 or more, not ${this.params.factors}`);
  }

  /** Confidence values (1 + α × weighting, Hu et al.'s c) of a matrix, cached per matrix. */
  private confidence(m: Csr): Csr {
    let w = this.weighted.get(m);
    if (!w) {
      w = applyWeighting(m, this.params.weighting, { k1: this.params.bm25K1, b: this.params.bm25B });
      const values = w.values;
      for (let k = 0; k < values.length; k++) values[k] = 1 + values[k]! * this.params.alpha;
      this.weighted.set(m, w);
    }
    return w;
  }

  async fit(input: FitInput): Promise<FitReport> {
    const started = performance.now();
    const { train, pool } = input;
    const p = this.params;
    const fs = paddedFactors(p.factors);
    const users = train.rows;
    const items = train.cols;
    const conf = this.confidence(train);
    const confT = transpose(conf);
    const nnz = nonZeros(train);
    const heap = new Heap(
      (2 * (users + items + 2) + 4 * nnz + (users + items) * fs + (pool.threads + 18) * fs * fs) * 4 +
        (1 << 20),
    );
    const userPtr = heap.copyInt32(conf.indptr);
    const userIdx = heap.copyInt32(conf.indices);
    const userConf = heap.copyFloat32(conf.values);
    const itemPtr = heap.copyInt32(confT.indptr);
    const itemIdx = heap.copyInt32(confT.indices);
    const itemConf = heap.copyFloat32(confT.values);
    const x = heap.float32(users * fs);
    const y = heap.float32(items * fs);
    const random = seededRandom(p.seed);
    for (let u = 0; u < users; u++) for (let d = 0; d < p.factors; d++) x.array[u * fs + d] = random() * 0.01;
    for (let i = 0; i < items; i++) for (let d = 0; d < p.factors; d++) y.array[i * fs + d] = random() * 0.01;
    const gram = heap.float32(fs * fs);
    const scratchBytes = 3 * fs * 4;
    const scratch = heap.allocate(scratchBytes * pool.threads);
    const ref = refOf;
    // The Gram matrix in a fixed number of chunks, each summed into its own slot (see tasks.ts).
    const gramChunks = 16;
    const gramSlots = heap.float32(gramChunks * fs * fs);
    const computeGram = async (of: Placed<Float32Array>, rows: number) => {
      gramSlots.array.fill(0);
      const task: Task = {
        kernel: 'gram',
        arrays: { y: ref(of), out: ref(gramSlots) },
        numbers: { fs },
        total: rows,
        chunk: Math.max(1, Math.ceil(rows / gramChunks)),
        scratch,
        scratchBytes,
      };
      await pool.run(heap, task);
      gram.array.fill(0);
      for (let c = 0; c < gramChunks; c++)
        for (let k = 0; k < fs * fs; k++) gram.array[k] = gram.array[k]! + gramSlots.array[c * fs * fs + k]!;
    };
    const profile = { gram: 0, users: 0, items: 0, loss: 0 };
    const solve = async (side: 'users' | 'items') => {
      const isUsers = side === 'users';
      const rows = isUsers ? users : items;
      let t = performance.now();
      await computeGram(isUsers ? y : x, isUsers ? items : users);
      profile.gram += (performance.now() - t) / 1000;
      t = performance.now();
      for (let d = 0; d < p.factors; d++) gram.array[d * fs + d] = gram.array[d * fs + d]! + p.regularization;
      const task: Task = {
        kernel: 'cg',
        arrays: {
          indptr: ref(isUsers ? userPtr : itemPtr),
          indices: ref(isUsers ? userIdx : itemIdx),
          confidence: ref(isUsers ? userConf : itemConf),
          x: ref(isUsers ? x : y),
          y: ref(isUsers ? y : x),
          gram: ref(gram),
        },
        numbers: { fs, steps: p.cgSteps },
        total: rows,
        chunk: Math.max(16, Math.ceil(rows / (pool.threads * 64))),
        scratch,
        scratchBytes,
      };
      await pool.run(heap, task);
      profile[side] += (performance.now() - t) / 1000;
    };

    this.fitted = { heap, fs, users, items, x, y };
    const losses: number[] = [];
    const iterationStarted = performance.now();
    for (let it = 0; it < p.iterations; it++) {
      await solve('users');
      await solve('items');
      if (p.trackLoss) {
        const t = performance.now();
        losses.push(this.loss(conf));
        profile.loss += (performance.now() - t) / 1000;
      }
      input.progress?.('ALS iterations', it + 1, p.iterations);
    }
    const iterationSeconds = (performance.now() - iterationStarted) / 1000;
    this.train = train;
    this.index = null;
    this.gram64 = null;
    this.lastSystem = null;
    this.pool = pool;
    return {
      seconds: (performance.now() - started) / 1000,
      secondsPerIteration: p.iterations > 0 ? iterationSeconds / p.iterations : null,
      iterations: p.iterations,
      losses,
      profile,
    };
  }

  /**
   * The objective ALS minimises: Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ(‖X‖² + ‖Y‖²), with c = 1 and
   * p = 0 off the stored cells, computed as Σ_u x_uᵀ(YᵀY)x_u + Σ_stored [c(1 − s)² − s²] + λ(…).
   */
  loss(conf: Csr = this.confidence(this.requireTrain())): number {
    const { fs, users, items, x, y } = this.requireFitted();
    const X = x.array;
    const Y = y.array;
    const g = new Float64Array(fs * fs);
    for (let i = 0; i < items; i++)
      for (let a = 0; a < fs; a++) {
        const ya = Y[i * fs + a]!;
        for (let b = 0; b < fs; b++) g[a * fs + b]! += ya * Y[i * fs + b]!;
      }
    let total = 0;
    for (let u = 0; u < users; u++) {
      for (let a = 0; a < fs; a++) {
        let s = 0;
        for (let b = 0; b < fs; b++) s += g[a * fs + b]! * X[u * fs + b]!;
        total += X[u * fs + a]! * s;
      }
      for (let k = conf.indptr[u]!; k < conf.indptr[u + 1]!; k++) {
        const i = conf.indices[k]!;
        let s = 0;
        for (let d = 0; d < fs; d++) s += X[u * fs + d]! * Y[i * fs + d]!;
        const c = conf.values[k]!;
        total += c * (1 - s) * (1 - s) - s * s;
      }
    }
    let norms = 0;
    for (let k = 0; k < X.length; k++) norms += X[k]! * X[k]!;
    for (let k = 0; k < Y.length; k++) norms += Y[k]! * Y[k]!;
    return total + this.params.regularization * norms;
  }

  private requireFitted(): Fitted {
    if (!this.fitted) throw new Error('the ALS model has not been fitted or loaded');
    return this.fitted;
  }
  private requireTrain(): Csr {
    if (!this.train) throw new Error('the ALS model was loaded: its training matrix is not at hand');
    return this.train;
  }

  /** User factors (users × fs, padded), for tests and similar-user features. */
  userFactors(): Float32Array {
    return this.requireFitted().x.array;
  }
  /** Item factors (items × fs, padded). */
  itemFactors(): Float32Array {
    return this.requireFitted().y.array;
  }
  get factorStride(): number {
    return this.requireFitted().fs;
  }

  private gram(): Float64Array {
    if (!this.gram64) {
      const { fs, items, y } = this.requireFitted();
      const g = new Float64Array(fs * fs);
      const Y = y.array;
      for (let i = 0; i < items; i++)
        for (let a = 0; a < fs; a++) {
          const ya = Y[i * fs + a]!;
          if (ya === 0) continue;
          for (let b = 0; b < fs; b++) g[a * fs + b]! += ya * Y[i * fs + b]!;
        }
      for (let d = 0; d < fs; d++) g[d * fs + d]! += d < this.params.factors ? this.params.regularization : 1;
      this.gram64 = g;
    }
    return this.gram64;
  }

  /** The exact solve for row `user` of `history` (kept for the next explanation of that user). */
  private system(history: Csr, user: number): UserSystem {
    const last = this.lastSystem;
    if (last?.history === history && last.user === user) return last;
    const { fs, items: itemCount, y } = this.requireFitted();
    const Y = y.array;
    const conf = this.confidence(history);
    const start = conf.indptr[user]!;
    const end = conf.indptr[user + 1]!;
    const a = Float64Array.from(this.gram());
    const b = new Float64Array(fs);
    const items: number[] = [];
    const confidence: number[] = [];
    for (let k = start; k < end; k++) {
      const j = conf.indices[k]!;
      if (j >= itemCount) continue; // an item the model never saw has no factors
      const c = conf.values[k]!;
      items.push(j);
      confidence.push(c);
      const o = j * fs;
      for (let p = 0; p < fs; p++) {
        const yp = Y[o + p]!;
        b[p]! += c * yp;
        if (yp === 0) continue;
        for (let q = 0; q < fs; q++) a[p * fs + q]! += (c - 1) * yp * Y[o + q]!;
      }
    }
    choleskyFactor(a, fs);
    const x = new Float64Array(fs);
    choleskySolve(a, fs, b, x);
    const system: UserSystem = {
      history,
      user,
      factor: a,
      items: Int32Array.from(items),
      confidence: Float64Array.from(confidence),
      x,
    };
    this.lastSystem = system;
    return system;
  }

  /** Whether `history` is the fitted matrix (then its rows have fitted factors). */
  private isTrain(history: Csr): boolean {
    return this.train !== null && history === this.train;
  }

  private factorIndex(): FactorIndex {
    if (!this.index) {
      const { heap, fs, items, y } = this.requireFitted();
      this.index = new FactorIndex(heap, y, { items, fs });
    }
    return this.index;
  }

  async recommend(request: RecommendRequest): Promise<TopLists> {
    const { fs, x } = this.requireFitted();
    const pool = this.pool;
    if (!pool) throw new Error('the ALS model has no kernel pool: fit it, or load it with one');
    const rows = answeredRows(request.users, request.history.rows);
    // Query vectors: the fitted rows, or each user folded in.
    let queries: Queries;
    if (this.isTrain(request.history)) queries = { placed: { x, rows }, count: rows.length };
    else {
      const vectors = new Float32Array(rows.length * fs);
      rows.forEach((user, i) => vectors.set(this.system(request.history, user).x, i * fs));
      queries = { vectors, count: rows.length };
    }
    return this.factorIndex().topK({ pool, queries, k: request.k, exclude: exclusionRows(request, rows) });
  }

  score(history: Csr, user: number, items: Int32Array): Float32Array {
    const { fs, x, y } = this.requireFitted();
    const out = new Float32Array(items.length);
    const xu: ArrayLike<number> = this.isTrain(history)
      ? x.array.subarray(user * fs, user * fs + fs)
      : this.system(history, user).x;
    items.forEach((item, n) => {
      let s = 0;
      for (let d = 0; d < fs; d++) s += xu[d]! * y.array[item * fs + d]!;
      out[n] = s;
    });
    return out;
  }

  explain(history: Csr, user: number, item: number, limit: number): Promise<Explanation> {
    const { fs, y } = this.requireFitted();
    const system = this.system(history, user);
    const w = new Float64Array(fs);
    choleskySolve(system.factor, fs, y.array.subarray(item * fs, item * fs + fs), w);
    const parts: ExplanationPart[] = [];
    system.items.forEach((j, n) => {
      let s = 0;
      for (let d = 0; d < fs; d++) s += w[d]! * y.array[j * fs + d]!;
      parts.push({ kind: 'item', item: j, contribution: s * system.confidence[n]! });
    });
    const score = sumContributions(parts);
    return Promise.resolve({ score, ...limitParts(parts, limit) });
  }

  similarItems(item: number, count: number): { item: number; similarity: number }[] {
    const { fs, items, y } = this.requireFitted();
    return factorNeighbours(y.array, { rows: items, fs }, item, count);
  }

  save(): Uint8Array {
    const { fs, users, items, x, y } = this.requireFitted();
    return encodeModelFile({
      header: { kind: this.kind, params: this.params, fs, users, items },
      arrays: { x: x.array, y: y.array },
    });
  }

  static load(bytes: Uint8Array, pool: KernelPool): AlsModel {
    const file = decodeModelFile(bytes, 'the ALS model');
    const header = file.header as { params: AlsParams; fs: number; users: number; items: number };
    const model = new AlsModel(header.params);
    const heap = new Heap();
    const x = heap.copyFloat32(file.arrays.x as Float32Array);
    const y = heap.copyFloat32(file.arrays.y as Float32Array);
    model.fitted = { heap, fs: header.fs, users: header.users, items: header.items, x, y };
    model.pool = pool;
    return model;
  }
}

/**
 * Per answered user (numbered by answer position), the sorted items to leave out: the history row
 * and the extra exclusions merged.
 */
export function exclusionRows(
  request: RecommendRequest,
  rows: Int32Array,
): { indptr: Int32Array; indices: Int32Array } {
  const { history, exclude } = request;
  const indptr = new Int32Array(rows.length + 1);
  const parts: Int32Array[] = [];
  rows.forEach((user, i) => {
    let row = history.indices.subarray(history.indptr[user], history.indptr[user + 1]);
    if (exclude && user < exclude.rows) {
      const extra = exclude.indices.subarray(exclude.indptr[user], exclude.indptr[user + 1]);
      if (extra.length > 0) row = Int32Array.from(new Set([...row, ...extra])).sort();
    }
    parts.push(row);
    indptr[i + 1] = indptr[i]! + row.length;
  });
  const indices = new Int32Array(indptr[rows.length]!);
  parts.forEach((row, i) => indices.set(row, indptr[i]));
  return { indptr, indices };
}
