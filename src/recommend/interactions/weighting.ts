/**
 * How raw play counts become the values the models see. Users are rows, items columns.
 *
 * - none: the count as it is.
 * - log: log(1 + count) (Hu, Koren and Volinsky's log confidence with ε = 1): ten thousand plays of
 *   one artist no longer drown everything else.
 * - bm25: Okapi BM25 as benfred/implicit's `bm25_weight` applies it to the item × user matrix:
 *   count·(K1 + 1) / (K1·norm(item) + count) · idf(user), with idf(user) = log N − log(1 + items
 *   the user has) (N: items) and norm(item) = (1 − B) + B · plays(item) / mean plays per item.
 *   Heavy listeners count less, and one huge count saturates.
 * - tfidf: √count · idf(user), as implicit's `tfidf_weight` on the item × user matrix.
 *
 * Indexed reads use non-null assertions: these are typed-array kernels.
 */
import { nonZeros, withValues, type Csr } from './csr.js';

export const WEIGHTINGS = ['none', 'log', 'bm25', 'tfidf'] as const;
export type Weighting = (typeof WEIGHTINGS)[number];

export interface Bm25Options {
  k1: number;
  b: number;
}

/** implicit's class defaults for item-kNN; its last.fm example uses K1 = 100, B = 0.8 for ALS. */
export const DEFAULT_BM25: Bm25Options = { k1: 100, b: 0.8 };

/** idf per user: log N − log(1 + the items the user has), N being the number of items. */
function userIdf(m: Csr): Float64Array {
  const idf = new Float64Array(m.rows);
  const logN = Math.log(Math.max(1, m.cols));
  for (let u = 0; u < m.rows; u++) idf[u] = logN - Math.log1p(m.indptr[u + 1]! - m.indptr[u]!);
  return idf;
}

/** The interactions with `weighting` applied (a new values array; the structure is shared). */
export function applyWeighting(m: Csr, weighting: Weighting, bm25: Bm25Options = DEFAULT_BM25): Csr {
  const nnz = nonZeros(m);
  const out = new Float32Array(nnz);
  switch (weighting) {
    case 'none':
      out.set(m.values);
      break;
    case 'log':
      for (let k = 0; k < nnz; k++) out[k] = Math.log1p(m.values[k]!);
      break;
    case 'tfidf': {
      const idf = userIdf(m);
      for (let u = 0; u < m.rows; u++)
        for (let k = m.indptr[u]!; k < m.indptr[u + 1]!; k++) out[k] = Math.sqrt(m.values[k]!) * idf[u]!;
      break;
    }
    case 'bm25': {
      const idf = userIdf(m);
      const plays = new Float64Array(m.cols);
      for (let k = 0; k < nnz; k++) plays[m.indices[k]!]! += m.values[k]!;
      let total = 0;
      for (let i = 0; i < m.cols; i++) total += plays[i]!;
      const mean = m.cols > 0 ? total / m.cols : 1;
      const { k1, b } = bm25;
      for (let u = 0; u < m.rows; u++)
        for (let k = m.indptr[u]!; k < m.indptr[u + 1]!; k++) {
          const v = m.values[k]!;
          const norm = 1 - b + (b * plays[m.indices[k]!]!) / (mean || 1);
          out[k] = ((v * (k1 + 1)) / (k1 * norm + v)) * idf[u]!;
        }
      break;
    }
  }
  return withValues(m, out);
}
