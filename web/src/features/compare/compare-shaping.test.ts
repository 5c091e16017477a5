import { describe, expect, it } from 'vitest';
import {
  describeSimilarity,
  formatShare,
  mirroredRows,
  otherUsers,
  similarityPercent,
} from './compare-shaping.js';

describe('the similarity', () => {
  it('is a whole percentage', () => {
    expect(similarityPercent(0.21804)).toBe(22);
    expect(similarityPercent(1)).toBe(100);
    expect(similarityPercent(null)).toBeNull();
  });

  it('is explained in words by how close it is', () => {
    expect(describeSimilarity(0.8, 'bo')).toContain('very similar taste');
    expect(describeSimilarity(0.5, 'bo')).toContain('a lot in common');
    expect(describeSimilarity(0.2, 'bo')).toContain('some overlap');
    expect(describeSimilarity(0.05, 'bo')).toContain('little in common');
    expect(describeSimilarity(0, 'bo')).toBe('You and bo have no artist in common in this period.');
    expect(describeSimilarity(null, 'bo')).toContain('no listens');
  });
});

describe('mirroredRows', () => {
  it('puts both sides on the scale of the largest share', () => {
    const rows = mirroredRows([
      { id: 1, name: 'A', plays: 40, otherPlays: 5, share: 0.4, otherShare: 0.1 },
      { id: 2, name: 'B', plays: 10, otherPlays: 20, share: 0.1, otherShare: 0.2 },
    ]);
    expect(rows.map((r) => [r.name, r.width, r.otherWidth])).toEqual([
      ['A', 1, 0.25],
      ['B', 0.25, 0.5],
    ]);
    expect(mirroredRows([])).toEqual([]);
  });
});

describe('otherUsers', () => {
  it('lists everyone else, sorted', () => {
    expect(otherUsers([{ name: 'me' }, { name: 'zed' }, { name: 'ann' }], 'me')).toEqual(['ann', 'zed']);
  });
});

describe('formatShare', () => {
  it('is a percentage in the locale', () => {
    expect(formatShare(0.1234, 'en-GB')).toBe('12.3%');
    expect(formatShare(0.1234, 'de-DE')).toBe('12,3\u00a0%');
  });
});
