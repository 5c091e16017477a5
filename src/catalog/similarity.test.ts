import { describe, expect, it } from 'vitest';
import { levenshtein, nameSimilarity, SimilarityProbe, trigramSimilarity } from './similarity.js';

describe('levenshtein', () => {
  it('counts a swap of two neighbours as one edit', () => {
    expect(levenshtein('calling', 'calilng')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
  });

  it('stops early past the bound it is given', () => {
    expect(levenshtein('abcdefgh', 'zyxwvuts', 2)).toBe(3);
  });
});

describe('nameSimilarity', () => {
  it('is 1 for equal names and high for a typo, low for another name', () => {
    expect(nameSimilarity('aphextwin', 'aphextwin')).toBe(1);
    expect(nameSimilarity('aphextwin', 'aphextwinn')).toBeGreaterThan(0.85);
    expect(nameSimilarity('aphextwin', 'boardsofcanada')).toBeLessThan(0.3);
    expect(trigramSimilarity('zoobluesasa', 'zooblues')).toBeGreaterThan(0.7);
  });
});

describe('SimilarityProbe', () => {
  it('gives nameSimilarity wherever that reaches the bound, and 0 where it cannot', () => {
    const names = [
      'midnightcity',
      'midnighcity',
      'midnightcitty',
      'midnight',
      'reunion',
      'amidnightcityremix',
      'mdnightcity',
    ];
    const probe = new SimilarityProbe('midnightcity');
    for (const other of names) {
      const exact = nameSimilarity('midnightcity', other);
      const bounded = probe.similarity(other, 0.8);
      if (exact >= 0.8) expect(bounded).toBeCloseTo(exact, 10);
      else expect(bounded).toBeLessThan(0.8);
    }
  });
});
