import { describe, expect, it } from 'vitest';
import { buildCsr, buildCsrWithTimes, csrFromRows, hasCell, transpose } from './csr.js';
import { applyWeighting } from './weighting.js';

describe('buildCsr', () => {
  it('sorts each row and sums repeated cells', () => {
    const m = buildCsr(
      { rows: 2, cols: 3 },
      {
        rows: Int32Array.of(1, 0, 1, 0, 1),
        cols: Int32Array.of(2, 1, 0, 1, 2),
        values: Float32Array.of(1, 2, 3, 4, 5),
        length: 5,
      },
    );
    expect([...m.indptr]).toEqual([0, 1, 3]);
    expect([...m.indices]).toEqual([1, 0, 2]);
    expect([...m.values]).toEqual([6, 3, 6]);
  });

  it('keeps the latest time of a repeated cell', () => {
    const { matrix, times } = buildCsrWithTimes(
      { rows: 1, cols: 2 },
      {
        rows: Int32Array.of(0, 0, 0),
        cols: Int32Array.of(1, 0, 1),
        values: Float32Array.of(1, 1, 1),
        length: 3,
      },
      Float64Array.of(100, 50, 300),
    );
    expect([...matrix.values]).toEqual([1, 2]);
    expect([...times!]).toEqual([50, 300]);
  });

  it('names the cell outside the shape', () => {
    expect(() =>
      buildCsr(
        { rows: 1, cols: 1 },
        { rows: Int32Array.of(0), cols: Int32Array.of(3), values: Float32Array.of(1), length: 1 },
      ),
    ).toThrow('cell 0 (0, 3) is outside a 1 × 1 matrix');
  });

  it('transposes, rows sorted, and answers hasCell', () => {
    const m = csrFromRows(3, [
      [[2, 1]],
      [
        [0, 2],
        [2, 3],
      ],
    ]);
    const t = transpose(m);
    expect([...t.indptr]).toEqual([0, 1, 1, 3]);
    expect([...t.indices]).toEqual([1, 0, 1]);
    expect([...t.values]).toEqual([2, 1, 3]);
    expect(hasCell(m, 1, 2)).toBe(true);
    expect(hasCell(m, 1, 1)).toBe(false);
  });
});

describe('weightings', () => {
  // Two users × three items: u0 played item 0 ×10 and item 1 ×2; u1 played item 1 ×4.
  const m = csrFromRows(3, [
    [
      [0, 10],
      [1, 2],
    ],
    [[1, 4]],
  ]);

  it('log is log(1 + count)', () => {
    expect([...applyWeighting(m, 'log').values]).toEqual(
      [Math.log1p(10), Math.log1p(2), Math.log1p(4)].map(Math.fround),
    );
  });

  it('TF-IDF is √count × (log N − log(1 + items of the user))', () => {
    const idf0 = Math.log(3) - Math.log1p(2);
    const idf1 = Math.log(3) - Math.log1p(1);
    const w = applyWeighting(m, 'tfidf').values;
    expect(w[0]).toBeCloseTo(Math.sqrt(10) * idf0, 5);
    expect(w[2]).toBeCloseTo(2 * idf1, 5);
  });

  it('BM25 matches the formula worked by hand (K1 = 100, B = 0.8)', () => {
    // plays per item: 10, 6, 0 → mean 16/3; norm(item 1) = 0.2 + 0.8·6/(16/3) = 1.1
    const idf0 = Math.log(3) - Math.log1p(2);
    const expected = ((2 * 101) / (100 * 1.1 + 2)) * idf0;
    expect(applyWeighting(m, 'bm25').values[1]).toBeCloseTo(expected, 5);
  });
});
