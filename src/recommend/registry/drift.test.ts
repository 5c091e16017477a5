import { describe, expect, it } from 'vitest';
import { csrFromRows } from '../interactions/csr.js';
import { computeDrift, jensenShannon } from './drift.js';

describe('drift', () => {
  it('the Jensen–Shannon divergence is 0 for the same popularity and 1 for nothing in common', () => {
    expect(jensenShannon({ a: 2, b: 1 }, { a: 4, b: 2 })).toBe(0);
    expect(jensenShannon({ a: 1 }, { b: 1 })).toBe(1);
    expect(jensenShannon({ a: 1, b: 1 }, { a: 1 })).toBeCloseTo(0.3113, 4);
  });

  it('counts recent plays of items, and users, the model never saw', () => {
    const recent = {
      matrix: csrFromRows(3, [
        [
          [0, 1],
          [2, 1],
        ],
        [[1, 1]],
      ]),
      users: ['u1', 'u9'],
      items: ['10', '11', '99'],
      times: null,
    };
    const d = computeDrift({
      trainingPopularity: { '10': 3, '11': 1 },
      trainedUsers: new Set(['u1']),
      recent,
      windowDays: 30,
    });
    expect(d.newItemShare).toBeCloseTo(1 / 3);
    expect(d.newUserShare).toBeCloseTo(1 / 2);
    expect(d.recentInteractions).toBe(3);
  });
});
