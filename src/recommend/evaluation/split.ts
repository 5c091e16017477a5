/**
 * Per-user holdout splits: each user with enough items keeps most of them for training and hands
 * a share (20 % by default) to the test side. `random` picks the held-out items by a seeded
 * shuffle; `time` holds out each user's latest items (by the time of their latest interaction),
 * which needs times. Users with fewer than `minItems` items stay wholly in training.
 * Indexed reads use non-null assertions: this is a typed-array kernel.
 */
import { AppError } from '../../domain/errors.js';
import { buildCsr, type Csr } from '../interactions/csr.js';
import { seededRandom, shuffle } from '../kernels/random.js';

export const SPLITS = ['random', 'time'] as const;
export type SplitKind = (typeof SPLITS)[number];

export interface SplitOptions {
  kind: SplitKind;
  /** Share of each user's items held out. */
  share: number;
  seed: number;
  /** Users with fewer items are not tested. */
  minItems: number;
}

export const DEFAULT_SPLIT: SplitOptions = { kind: 'random', share: 0.2, seed: 1, minItems: 5 };

export interface Split {
  train: Csr;
  test: Csr;
  /** Rows with at least one test item, ascending. */
  testUsers: Int32Array;
  /** Per train cell, its time (when the input had times). */
  trainTimes: Float64Array | null;
}

/** How many of a user's `n` items go to the test side. */
export function heldOut(n: number, options: Pick<SplitOptions, 'share' | 'minItems'>): number {
  if (n < options.minItems) return 0;
  return Math.min(n - 1, Math.max(1, Math.round(n * options.share)));
}

export function splitPerUser(m: Csr, times: Float64Array | null, options: SplitOptions): Split {
  if (options.kind === 'time' && !times)
    throw new AppError(
      'INVALID_INPUT',
      'The time split needs the time of each interaction, and this data has none (a TSV needs a 4th column, ' +
        'epoch seconds). Use --split random.',
    );
  const random = seededRandom(options.seed);
  const nnz = m.indptr[m.rows]!;
  const isTest = new Uint8Array(nnz);
  for (let u = 0; u < m.rows; u++) {
    const start = m.indptr[u]!;
    const n = m.indptr[u + 1]! - start;
    const count = heldOut(n, options);
    if (count === 0) continue;
    const order = Int32Array.from({ length: n }, (_, i) => start + i);
    if (options.kind === 'random') shuffle(order, random);
    // Latest first; ties by position, so the split never depends on sort stability.
    else order.sort((a, b) => times![b]! - times![a]! || b - a);
    for (let i = 0; i < count; i++) isTest[order[i]!] = 1;
  }
  const pick = (test: boolean) => {
    let n = 0;
    for (let k = 0; k < nnz; k++) if ((isTest[k] === 1) === test) n++;
    const rows = new Int32Array(n);
    const cols = new Int32Array(n);
    const values = new Float32Array(n);
    const cellTimes = times ? new Float64Array(n) : null;
    let w = 0;
    for (let u = 0; u < m.rows; u++)
      for (let k = m.indptr[u]!; k < m.indptr[u + 1]!; k++)
        if ((isTest[k] === 1) === test) {
          rows[w] = u;
          cols[w] = m.indices[k]!;
          values[w] = m.values[k]!;
          if (cellTimes) cellTimes[w] = times![k]!;
          w++;
        }
    return {
      matrix: buildCsr({ rows: m.rows, cols: m.cols }, { rows, cols, values, length: n }),
      times: cellTimes,
    };
  };
  const train = pick(false);
  const test = pick(true).matrix;
  const testUsers: number[] = [];
  for (let u = 0; u < test.rows; u++) if (test.indptr[u + 1]! > test.indptr[u]!) testUsers.push(u);
  return { train: train.matrix, test, testUsers: Int32Array.from(testUsers), trainTimes: train.times };
}
