/**
 * The one small interface every model implements: fit on a user × item matrix of raw weights,
 * recommend top-K lists for rows of a history matrix (never an item of that row), score and
 * explain single items, save to bytes. Items and users are dense indices here; the names live
 * with the data set (see trained-model.ts).
 */
import type { Csr } from '../interactions/csr.js';
import type { KernelPool } from '../kernels/pool.js';

export const MODEL_KINDS = ['pop', 'itemknn', 'als', 'bpr', 'content', 'hybrid'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export interface FitInput {
  /** users × items, raw weights (play counts). */
  readonly train: Csr;
  /** Content features per item index (content and hybrid); null when there are none. */
  readonly itemFeatures: readonly (ReadonlyMap<string, number> | undefined)[] | null;
  readonly pool: KernelPool;
  /** Told as fitting goes (a stage and its progress), for a terminal's progress line. */
  readonly progress?: (stage: string, done: number, total: number) => void;
}

export interface FitReport {
  seconds: number;
  /** Seconds per iteration for iterative models (ALS, BPR). */
  secondsPerIteration: number | null;
  iterations: number | null;
  /** The training loss after each iteration, where the model has one (ALS). */
  losses: number[];
  /** Where the fit's time went, seconds by part (for the benchmark's profile). */
  profile?: Record<string, number>;
}

export interface RecommendRequest {
  /** users × items, raw weights: what each user has; recommendations never include these. */
  readonly history: Csr;
  /** Rows of history to answer; null: every row. */
  readonly users: Int32Array | null;
  readonly k: number;
  /** Further items to leave out per answered row (sorted rows, same numbering as history). */
  readonly exclude?: Csr | null;
}

/** K ids and scores per answered user (−1 / −Infinity pad rows with fewer than K candidates). */
export interface TopLists {
  readonly k: number;
  readonly count: number;
  readonly ids: Int32Array;
  readonly scores: Float32Array;
}

/** One reason behind a score; the contributions of an explanation's parts sum to its score. */
export type ExplanationPart =
  /** A listened item: ALS (its exact share of the score) and item-kNN (weight × similarity). */
  | { kind: 'item'; item: number; contribution: number; similarity?: number }
  /** A shared tag or genre (content). */
  | { kind: 'feature'; feature: string; contribution: number }
  /** How many listeners the item has (popularity). */
  | { kind: 'popularity'; listeners: number; contribution: number }
  /** What a model's own factors add that no listened item accounts for (BPR, the ALS prior). */
  | { kind: 'latent'; contribution: number }
  /** One part of a hybrid, with its own explanation. */
  | { kind: 'model'; model: ModelKind; weight: number; contribution: number; parts: ExplanationPart[] };

export interface Explanation {
  /** The score as the explanation computes it: the sum of every part's contribution. */
  score: number;
  /** The parts, largest contribution first (limited; `rest` holds what the others add). */
  parts: ExplanationPart[];
  /** The sum of the contributions of the parts left out by the limit. */
  rest: number;
}

export interface Recommender {
  readonly kind: ModelKind;
  /** The settings it was built with, as saved and reported. */
  readonly params: Readonly<Record<string, number | string | boolean>>;
  fit(input: FitInput): Promise<FitReport>;
  recommend(request: RecommendRequest): Promise<TopLists>;
  /** Scores of `items` for row `user` of `history`. */
  score(history: Csr, user: number, items: Int32Array): Float32Array;
  /** Why `item` scores what it does for row `user` of `history`; `limit` parts at most. */
  explain(history: Csr, user: number, item: number, limit: number): Promise<Explanation>;
  /** The fitted state (parameters and arrays) as bytes; see model-file.ts. */
  save(): Uint8Array;
  /** The items most like `item` by this model (best first); absent where the model has no notion of it. */
  similarItems?(item: number, count: number): { item: number; similarity: number }[];
}

/** Cosine neighbours of row `item` among the rows of a factor matrix (rows `fs` apart). */
export function factorNeighbours(
  factors: Float32Array,
  shape: { rows: number; fs: number },
  item: number,
  count: number,
): { item: number; similarity: number }[] {
  const { rows, fs } = shape;
  const norm = (r: number) => {
    let s = 0;
    for (let d = 0; d < fs; d++) s += factors[r * fs + d]! * factors[r * fs + d]!;
    return Math.sqrt(s);
  };
  const own = norm(item);
  if (own === 0) return [];
  const out: { item: number; similarity: number }[] = [];
  for (let r = 0; r < rows; r++) {
    if (r === item) continue;
    const n = norm(r);
    if (n === 0) continue;
    let s = 0;
    for (let d = 0; d < fs; d++) s += factors[r * fs + d]! * factors[item * fs + d]!;
    out.push({ item: r, similarity: s / (n * own) });
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.item - b.item).slice(0, count);
}

/** Keeps the `limit` parts with the largest absolute contribution, the rest summed. */
export function limitParts(
  parts: ExplanationPart[],
  limit: number,
): { parts: ExplanationPart[]; rest: number } {
  const sorted = [...parts].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const kept = sorted.slice(0, limit);
  let rest = 0;
  for (const p of sorted.slice(limit)) rest += p.contribution;
  return { parts: kept, rest };
}

export function sumContributions(parts: readonly ExplanationPart[]): number {
  let s = 0;
  for (const p of parts) s += p.contribution;
  return s;
}
