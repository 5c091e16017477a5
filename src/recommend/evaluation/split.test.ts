import { describe, expect, it } from 'vitest';
import { csrFromRows, hasCell, nonZeros } from '../interactions/csr.js';
import { splitPerUser } from './split.js';

const ten = Array.from({ length: 10 }, (_, i) => [i, 1] as const);
const m = csrFromRows(10, [ten, ten.slice(0, 3)]);

describe('splitPerUser', () => {
  it('holds out 20 % of each user with enough items, none of the others, the same way for a seed', () => {
    const a = splitPerUser(m, null, { kind: 'random', share: 0.2, seed: 4, minItems: 5 });
    const b = splitPerUser(m, null, { kind: 'random', share: 0.2, seed: 4, minItems: 5 });
    expect(a.test.indptr[1]! - a.test.indptr[0]!).toBe(2);
    expect([...a.testUsers]).toEqual([0]);
    expect(nonZeros(a.train) + nonZeros(a.test)).toBe(13);
    expect([...a.test.indices]).toEqual([...b.test.indices]);
    for (let k = 0; k < nonZeros(a.test); k++) expect(hasCell(a.train, 0, a.test.indices[k]!)).toBe(false);
  });

  it('holds out the latest items on the time split', () => {
    const times = Float64Array.from({ length: 13 }, (_, k) => (k < 10 ? 1000 + k : 5));
    const s = splitPerUser(m, times, { kind: 'time', share: 0.2, seed: 1, minItems: 5 });
    expect([...s.test.indices]).toEqual([8, 9]);
  });

  it('says what to do when the data has no times', () => {
    expect(() => splitPerUser(m, null, { kind: 'time', share: 0.2, seed: 1, minItems: 5 })).toThrow(
      /needs the time of each interaction.*Use --split random/,
    );
  });
});
