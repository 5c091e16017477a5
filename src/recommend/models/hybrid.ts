/**
 * A hybrid: a weighted blend of other models' scores. For each user every part proposes its best
 * `candidates` items; each candidate's blended score is Σ_m w_m · s_m / top_m, where top_m is part
 * m's best score for that user (so every part speaks on the same 0…1 scale, and a part that has
 * nothing to say for a user, top_m ≤ 0, adds nothing). The weights, unless given, are chosen on a
 * validation split cut from the training data (never the test data): the parts are fitted on the
 * rest, every weighting on a grid of the simplex is scored by NDCG@K on the held-out items, and
 * the best one is kept; then the parts are fitted again on all of the training data.
 *
 * The explanation lists each part's share (w_m · s_m / top_m) with the part's own explanation
 * scaled the same way, so the shares sum to the score and each part's reasons to its share.
 */
import type { Csr } from '../interactions/csr.js';
import { splitPerUser } from '../evaluation/split.js';
import { rankingMetrics } from '../evaluation/metrics.js';
import { decodeModelFile, encodeModelFile } from './model-file.js';
import {
  limitParts,
  type Explanation,
  type ExplanationPart,
  type FitInput,
  type FitReport,
  type ModelKind,
  type Recommender,
  type RecommendRequest,
  type TopLists,
} from './model.js';
import { answeredRows, emptyLists } from './top-list.js';

export type HybridParams = {
  /** The parts' kinds, comma-separated, e.g. "als,itemknn,content". */
  parts: string;
  /** Their weights, comma-separated; empty: chosen on a validation split. */
  weights: string;
  /** Items each part proposes per user. */
  candidates: number;
  /** Grid step for the weights (0.1: every weighting in tenths). */
  gridStep: number;
  /** Share of each user's training items held out to choose the weights. */
  validationShare: number;
  seed: number;
  /** K of the NDCG the weights are chosen by. */
  k: number;
};

export const HYBRID_DEFAULTS: HybridParams = {
  parts: 'als,itemknn,content',
  weights: '',
  candidates: 100,
  gridStep: 0.1,
  validationShare: 0.2,
  seed: 1,
  k: 10,
};

/** Builds a part by kind (the registry's factory, with the project defaults or the caller's settings). */
export type PartFactory = (kind: ModelKind) => Recommender;
/** Rebuilds a saved part. */
export type PartLoader = (bytes: Uint8Array) => Recommender;

/** Every weighting of `n` parts on a grid of `step` whose weights sum to 1. */
export function simplexGrid(n: number, step: number): number[][] {
  const units = Math.round(1 / step);
  const out: number[][] = [];
  const walk = (prefix: number[], left: number) => {
    if (prefix.length === n - 1) {
      out.push([...prefix, left].map((u) => u / units));
      return;
    }
    for (let u = 0; u <= left; u++) walk([...prefix, u], left - u);
  };
  if (n === 1) return [[1]];
  walk([], units);
  return out;
}

/** Per answered user, each part's candidates' normalised scores. */
interface Pooled {
  /** Per user: candidate ids. */
  items: Int32Array[];
  /** Per user, per part: normalised scores aligned with items. */
  scores: Float32Array[][];
}

export class HybridModel implements Recommender {
  readonly kind = 'hybrid';
  readonly params: HybridParams;
  private parts: Recommender[] = [];
  private weights: number[] = [];
  /** Each part's best score per user of a history, as the last recommendation found them. */
  private readonly tops = new WeakMap<Csr, Map<number, number[]>>();
  /** What each part scored on validation when the weights were chosen (for reports). */
  validation: { weights: number[]; ndcg: number }[] = [];

  constructor(
    params: Partial<HybridParams>,
    private readonly factory: PartFactory,
  ) {
    this.params = { ...HYBRID_DEFAULTS, ...params };
  }

  /** The kinds of the parts, in order. */
  get partKinds(): ModelKind[] {
    return this.params.parts.split(',').map((k) => k.trim() as ModelKind);
  }

  /** The parts and their weights (after fit or load). */
  get blend(): { kind: ModelKind; weight: number }[] {
    return this.parts.map((p, m) => ({ kind: p.kind, weight: this.weights[m] ?? 0 }));
  }

  async fit(input: FitInput): Promise<FitReport> {
    const started = performance.now();
    const kinds = this.partKinds;
    let weights = this.params.weights
      .split(',')
      .filter((w) => w.trim() !== '')
      .map(Number);
    if (weights.length !== kinds.length) {
      weights = await this.chooseWeights(input, kinds);
    }
    const parts = kinds.map((kind) => this.factory(kind));
    for (const part of parts) await part.fit(input);
    this.parts = parts;
    this.weights = weights;
    return {
      seconds: (performance.now() - started) / 1000,
      secondsPerIteration: null,
      iterations: null,
      losses: [],
    };
  }

  private async chooseWeights(input: FitInput, kinds: ModelKind[]): Promise<number[]> {
    const split = splitPerUser(input.train, null, {
      kind: 'random',
      share: this.params.validationShare,
      seed: this.params.seed,
      minItems: 5,
    });
    const parts = kinds.map((kind) => this.factory(kind));
    for (const part of parts) await part.fit({ ...input, train: split.train });
    const pooled = await this.pool(parts, split.train, split.testUsers);
    let best = { weights: simplexGrid(kinds.length, this.params.gridStep)[0]!, ndcg: -1 };
    this.validation = [];
    for (const weights of simplexGrid(kinds.length, this.params.gridStep)) {
      const lists = blendLists(pooled, weights, this.params.k);
      const ndcg = rankingMetrics({
        lists,
        users: split.testUsers,
        test: split.test,
        train: split.train,
      }).ndcg;
      this.validation.push({ weights, ndcg });
      if (ndcg > best.ndcg) best = { weights, ndcg };
    }
    return best.weights;
  }

  /** Every part's candidates for each user, scored by every part and normalised by its top. */
  private async pool(
    parts: Recommender[],
    history: Csr,
    users: Int32Array,
    exclude?: Csr | null,
  ): Promise<Pooled> {
    const n = this.params.candidates;
    const lists: TopLists[] = [];
    for (const part of parts)
      lists.push(await part.recommend({ history, users, k: n, exclude: exclude ?? null }));
    const items: Int32Array[] = [];
    const scores: Float32Array[][] = [];
    users.forEach((user, at) => {
      const set = new Set<number>();
      for (const l of lists)
        for (let r = 0; r < n; r++) {
          const id = l.ids[at * n + r]!;
          if (id >= 0) set.add(id);
        }
      const ids = Int32Array.from([...set].sort((a, b) => a - b));
      items.push(ids);
      const tops = lists.map((l) => (l.ids[at * n]! >= 0 ? l.scores[at * n]! : 0));
      if (parts === this.parts) {
        let known = this.tops.get(history);
        if (!known) this.tops.set(history, (known = new Map<number, number[]>()));
        known.set(user, tops);
      }
      scores.push(
        parts.map((part, m) => {
          const top = tops[m]!;
          const s = part.score(history, user, ids);
          return top > 0 ? s.map((v) => v / top) : new Float32Array(ids.length);
        }),
      );
    });
    return { items, scores };
  }

  async recommend(request: RecommendRequest): Promise<TopLists> {
    const rows = answeredRows(request.users, request.history.rows);
    const pooled = await this.pool(this.parts, request.history, rows, request.exclude);
    return blendLists(pooled, this.weights, request.k);
  }

  score(history: Csr, user: number, items: Int32Array): Float32Array {
    // The blend's normalisers need each part's recommendations (async): recommend and explain give
    // the blended score; this is the weighted sum of the parts' raw scores, for ordering only.
    const out = new Float32Array(items.length);
    this.parts.forEach((part, m) => {
      const s = part.score(history, user, items);
      for (let i = 0; i < items.length; i++) out[i] = out[i]! + this.weights[m]! * s[i]!;
    });
    return out;
  }

  async explain(history: Csr, user: number, item: number, limit: number): Promise<Explanation> {
    const parts: ExplanationPart[] = [];
    for (let m = 0; m < this.parts.length; m++) {
      const part = this.parts[m]!;
      const weight = this.weights[m]!;
      if (weight === 0) continue; // a part the validation gave no say has no share to explain
      let best = this.tops.get(history)?.get(user)?.[m];
      if (best === undefined) {
        const top = await part.recommend({ history, users: Int32Array.of(user), k: 1 });
        best = top.ids[0]! >= 0 ? top.scores[0]! : 0;
      }
      const factor = best > 0 ? weight / best : 0;
      const own = await part.explain(history, user, item, limit);
      const scaled = own.parts.map((p) => scalePart(p, factor));
      parts.push({
        kind: 'model',
        model: part.kind,
        weight,
        contribution: factor * own.score,
        parts: own.rest !== 0 ? [...scaled, { kind: 'latent', contribution: factor * own.rest }] : scaled,
      });
    }
    let score = 0;
    for (const p of parts) score += p.contribution;
    return { score, ...limitParts(parts, limit) };
  }

  /** The neighbours of the first part that has a notion of them (item-kNN, then ALS, BPR, content). */
  similarItems(item: number, count: number): { item: number; similarity: number }[] {
    for (const kind of ['itemknn', 'als', 'bpr', 'content'] as const) {
      const found = this.part(kind)?.similarItems?.(item, count);
      if (found && found.length > 0) return found;
    }
    return [];
  }

  /** A part by kind (for similar items and radio, which ask the kNN or content part directly). */
  part(kind: ModelKind): Recommender | undefined {
    return this.parts.find((p) => p.kind === kind);
  }

  save(): Uint8Array {
    const arrays: Record<string, Int32Array> = {};
    this.parts.forEach((part, m) => {
      const bytes = part.save();
      arrays[`part${m}`] = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    });
    return encodeModelFile({
      header: {
        kind: this.kind,
        params: this.params,
        weights: this.weights,
        kinds: this.parts.map((p) => p.kind),
      },
      arrays,
    });
  }

  static load(bytes: Uint8Array, factory: PartFactory, loader: PartLoader): HybridModel {
    const file = decodeModelFile(bytes, 'the hybrid model');
    const header = file.header as { params: HybridParams; weights: number[]; kinds: ModelKind[] };
    const model = new HybridModel(header.params, factory);
    model.weights = header.weights;
    model.parts = header.kinds.map((_, m) => {
      const a = file.arrays[`part${m}`]!;
      return loader(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    });
    return model;
  }
}

function scalePart(p: ExplanationPart, factor: number): ExplanationPart {
  if (p.kind === 'model')
    return { ...p, contribution: p.contribution * factor, parts: p.parts.map((q) => scalePart(q, factor)) };
  return { ...p, contribution: p.contribution * factor };
}

/** Top-K of the pooled candidates under `weights` (ties: the lower item id). */
function blendLists(pooled: Pooled, weights: readonly number[], k: number): TopLists {
  const out = emptyLists(pooled.items.length, k);
  let blended = new Float32Array(0);
  pooled.items.forEach((ids, at) => {
    if (blended.length < ids.length) blended = new Float32Array(ids.length * 2);
    blended.fill(0, 0, ids.length);
    pooled.scores[at]!.forEach((s, m) => {
      const w = weights[m] ?? 0;
      if (w !== 0) for (let i = 0; i < ids.length; i++) blended[i] = blended[i]! + w * s[i]!;
    });
    // One pass keeping the K best in order: the candidates are few hundred, K is ten.
    const o = at * k;
    let filled = 0;
    for (let i = 0; i < ids.length; i++) {
      const score = blended[i]!;
      if (filled === k && !(score > out.scores[o + k - 1]!)) continue;
      let pos = filled < k ? filled++ : k - 1;
      while (pos > 0 && out.scores[o + pos - 1]! < score) {
        out.scores[o + pos] = out.scores[o + pos - 1]!;
        out.ids[o + pos] = out.ids[o + pos - 1]!;
        pos--;
      }
      out.scores[o + pos] = score;
      out.ids[o + pos] = ids[i]!;
    }
  });
  return out;
}
