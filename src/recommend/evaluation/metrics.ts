/**
 * Ranking metrics at K over the tested users, each user weighing the same:
 *
 * - precision@K: hits / K
 * - recall@K: hits / |test items|
 * - NDCG@K: binary gains, DCG = Σ_{hit at rank r} 1/log2(r + 1), divided by the DCG of an ideal
 *   list of min(K, |test|) hits (so a user with 3 test items can reach 1)
 * - MAP@K: Σ_{hit at rank r} precision@r, divided by min(K, |test|) (as benfred/implicit does)
 * - hit rate@K: share of users with at least one hit
 *
 * and over all lists: catalogue coverage (distinct items recommended / items) and novelty (mean
 * self-information −log2(listeners / users) of the recommended items; higher is less obvious).
 * Indexed reads use non-null assertions: this is a typed-array kernel.
 */
import { columnCounts, hasCell, type Csr } from '../interactions/csr.js';
import type { TopLists } from '../models/model.js';

export interface Metrics {
  k: number;
  users: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  coverage: number;
  novelty: number;
}

export const METRIC_NAMES = ['precision', 'recall', 'ndcg', 'map', 'hitRate', 'coverage', 'novelty'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * Metrics of `lists` (one per row of `users`, in order) against `test`; `train` gives the
 * popularity novelty is measured by.
 */
export function rankingMetrics(input: {
  lists: TopLists;
  users: Int32Array;
  test: Csr;
  train: Csr;
}): Metrics {
  const { lists, users, test, train } = input;
  const k = lists.k;
  const discount = Float64Array.from({ length: k }, (_, r) => 1 / Math.log2(r + 2));
  const listeners = columnCounts(train);
  const recommended = new Uint8Array(test.cols);
  let precision = 0;
  let recall = 0;
  let ndcg = 0;
  let map = 0;
  let hits1 = 0;
  let novelty = 0;
  let shown = 0;
  users.forEach((user, at) => {
    const relevant = test.indptr[user + 1]! - test.indptr[user]!;
    let hits = 0;
    let dcg = 0;
    let ap = 0;
    for (let r = 0; r < k; r++) {
      const item = lists.ids[at * k + r]!;
      if (item < 0) continue;
      recommended[item] = 1;
      novelty += -Math.log2(Math.max(1, listeners[item] ?? 0) / Math.max(1, train.rows));
      shown++;
      if (hasCell(test, user, item)) {
        hits++;
        dcg += discount[r]!;
        ap += hits / (r + 1);
      }
    }
    let ideal = 0;
    for (let r = 0; r < Math.min(k, relevant); r++) ideal += discount[r]!;
    precision += hits / k;
    recall += relevant > 0 ? hits / relevant : 0;
    ndcg += ideal > 0 ? dcg / ideal : 0;
    map += relevant > 0 ? ap / Math.min(k, relevant) : 0;
    if (hits > 0) hits1++;
  });
  const n = Math.max(1, users.length);
  let covered = 0;
  for (let i = 0; i < recommended.length; i++) covered += recommended[i]!;
  return {
    k,
    users: users.length,
    precision: precision / n,
    recall: recall / n,
    ndcg: ndcg / n,
    map: map / n,
    hitRate: hits1 / n,
    coverage: covered / Math.max(1, test.cols),
    novelty: shown > 0 ? novelty / shown : 0,
  };
}

/** Mean and sample standard deviation of each metric over runs (seeds). */
export function summarise(runs: readonly Metrics[]): Record<MetricName, { mean: number; std: number }> {
  const out = {} as Record<MetricName, { mean: number; std: number }>;
  for (const name of METRIC_NAMES) {
    const values = runs.map((r) => r[name]);
    const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const variance =
      values.length > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) : 0;
    out[name] = { mean, std: Math.sqrt(variance) };
  }
  return out;
}
