/**
 * How far recent listening moved from what a model was trained on:
 *
 * - popularity divergence: the Jensen–Shannon divergence (base 2, so 0 = the same, 1 = nothing in
 *   common) between item popularity at training (listeners per item) and in the recent window;
 * - new-item share: the share of the window's (user, item) interactions on items the model never
 *   saw — it cannot recommend them, and cannot use them to understand the user;
 * - new-user share: the share of the window's active users the model was not trained on.
 *
 * Pure: the caller reads the window's interactions from the store.
 */
import type { Dataset } from '../interactions/dataset.js';

export interface Drift {
  popularityDivergence: number;
  newItemShare: number;
  newUserShare: number;
  /** (user, item) pairs and listens in the window. */
  recentInteractions: number;
  recentUsers: number;
  windowDays: number;
}

/** Listeners per item name of a data set. */
export function itemPopularity(dataset: Dataset): Record<string, number> {
  const counts = new Map<number, number>();
  const m = dataset.matrix;
  for (let k = 0; k < m.indptr[m.rows]!; k++) counts.set(m.indices[k]!, (counts.get(m.indices[k]!) ?? 0) + 1);
  const out: Record<string, number> = {};
  for (const [item, n] of counts) out[dataset.items[item]!] = n;
  return out;
}

/** Jensen–Shannon divergence (base 2) of two non-negative weightings of names. */
export function jensenShannon(
  a: Readonly<Record<string, number>>,
  b: Readonly<Record<string, number>>,
): number {
  const sum = (w: Readonly<Record<string, number>>) => Object.values(w).reduce((s, v) => s + v, 0);
  const ta = sum(a);
  const tb = sum(b);
  if (ta === 0 || tb === 0) return ta === tb ? 0 : 1;
  let divergence = 0;
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const p = (a[name] ?? 0) / ta;
    const q = (b[name] ?? 0) / tb;
    const m = (p + q) / 2;
    if (p > 0) divergence += 0.5 * p * Math.log2(p / m);
    if (q > 0) divergence += 0.5 * q * Math.log2(q / m);
  }
  return Math.min(1, Math.max(0, divergence));
}

export function computeDrift(input: {
  trainingPopularity: Readonly<Record<string, number>>;
  trainedUsers: ReadonlySet<string>;
  recent: Dataset;
  windowDays: number;
}): Drift {
  const { recent } = input;
  const m = recent.matrix;
  const nnz = m.indptr[m.rows]!;
  let onNew = 0;
  for (let k = 0; k < nnz; k++) if (!(recent.items[m.indices[k]!]! in input.trainingPopularity)) onNew++;
  let activeUsers = 0;
  let newUsers = 0;
  for (let u = 0; u < m.rows; u++) {
    if (m.indptr[u + 1]! === m.indptr[u]!) continue;
    activeUsers++;
    if (!input.trainedUsers.has(recent.users[u]!)) newUsers++;
  }
  return {
    // No recent listens: nothing has drifted (age alone may still call for a new model).
    popularityDivergence: nnz === 0 ? 0 : jensenShannon(input.trainingPopularity, itemPopularity(recent)),
    newItemShare: nnz > 0 ? onNew / nnz : 0,
    newUserShare: activeUsers > 0 ? newUsers / activeUsers : 0,
    recentInteractions: nnz,
    recentUsers: activeUsers,
    windowDays: input.windowDays,
  };
}
