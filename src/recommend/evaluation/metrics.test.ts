import { describe, expect, it } from 'vitest';
import { csrFromRows } from '../interactions/csr.js';
import { rankingMetrics, summarise } from './metrics.js';

describe('rankingMetrics', () => {
  // One user, test items {1, 3}; the list at K = 3 is [1, 2, 3]: hits at ranks 1 and 3.
  const test = csrFromRows(5, [
    [
      [1, 1],
      [3, 1],
    ],
  ]);
  const train = csrFromRows(5, [[[0, 1]]]);
  const lists = { k: 3, count: 1, ids: Int32Array.of(1, 2, 3), scores: Float32Array.of(3, 2, 1) };
  const m = rankingMetrics({ lists, users: Int32Array.of(0), test, train });

  it('counts precision, recall and hit rate', () => {
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(1);
    expect(m.hitRate).toBe(1);
  });

  it('NDCG divides by the ideal list of min(K, |test|) hits', () => {
    const dcg = 1 + 1 / Math.log2(4);
    const ideal = 1 + 1 / Math.log2(3);
    expect(m.ndcg).toBeCloseTo(dcg / ideal);
  });

  it('MAP sums precision at each hit over min(K, |test|)', () => {
    expect(m.map).toBeCloseTo((1 / 1 + 2 / 3) / 2);
  });

  it('coverage is the share of items recommended', () => {
    expect(m.coverage).toBeCloseTo(3 / 5);
  });

  it('summarises seeds as mean and sample standard deviation', () => {
    const s = summarise([
      { ...m, ndcg: 0.2 },
      { ...m, ndcg: 0.4 },
    ]);
    expect(s.ndcg.mean).toBeCloseTo(0.3);
    expect(s.ndcg.std).toBeCloseTo(Math.SQRT2 * 0.1);
  });
});
