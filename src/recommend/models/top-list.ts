/**
 * Top-K selection over a dense score array, for the models that score every item in plain
 * TypeScript (popularity, item-kNN, content): one pass with a sorted list of K and a threshold.
 * Indexed reads use non-null assertions: this is a typed-array kernel.
 */
import { hasCell, type Csr } from '../interactions/csr.js';
import type { TopLists } from './model.js';

/** Writes the K best of `scores` (skipping what `skip` says and non-finite scores) at out·K. */
export function selectTopK(
  scores: Float32Array,
  k: number,
  skip: (item: number) => boolean,
  out: { ids: Int32Array; scores: Float32Array; at: number },
): void {
  const o = out.at * k;
  out.ids.fill(-1, o, o + k);
  out.scores.fill(-Infinity, o, o + k);
  let threshold = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!(s > threshold) || skip(i)) continue;
    let pos = k - 1;
    while (pos > 0 && out.scores[o + pos - 1]! < s) {
      out.scores[o + pos] = out.scores[o + pos - 1]!;
      out.ids[o + pos] = out.ids[o + pos - 1]!;
      pos--;
    }
    out.scores[o + pos] = s;
    out.ids[o + pos] = i;
    threshold = out.scores[o + k - 1]!;
  }
}

/** Empty lists for `count` users. */
export function emptyLists(count: number, k: number): TopLists & { ids: Int32Array; scores: Float32Array } {
  return {
    k,
    count,
    ids: new Int32Array(count * k).fill(-1),
    scores: new Float32Array(count * k).fill(-Infinity),
  };
}

/** Whether `item` is in row `user` of `history` or of `exclude` (the skip rule of every model). */
export function isLeftOut(
  history: Csr,
  exclude: Csr | null | undefined,
  user: number,
  item: number,
): boolean {
  return hasCell(history, user, item) || (exclude != null && hasCell(exclude, user, item));
}

/** The rows a request answers. */
export function answeredRows(users: Int32Array | null, rows: number): Int32Array {
  return users ?? Int32Array.from({ length: rows }, (_, i) => i);
}
