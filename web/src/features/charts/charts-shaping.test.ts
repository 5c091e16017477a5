import { describe, expect, it } from 'vitest';
import { toBump, type LeaderPeriod } from './leaders.js';
import { describeMovement, movementOf } from './movement.js';

describe('movementOf', () => {
  it('compares with the rank in the previous period', () => {
    expect(movementOf(1, 4, true)).toEqual({ kind: 'up', places: 3 });
    expect(movementOf(5, 2, true)).toEqual({ kind: 'down', places: 3 });
    expect(movementOf(2, 2, true)).toEqual({ kind: 'same' });
    expect(movementOf(2, null, true)).toEqual({ kind: 'new' });
    expect(movementOf(2, null, false)).toEqual({ kind: 'none' });
  });

  it('says it in words for screen readers', () => {
    expect(describeMovement({ kind: 'up', places: 3 }, 4)).toEqual({ mark: '▲3', text: 'up 3 from #4' });
    expect(describeMovement({ kind: 'new' }).text).toBe('new: not in the previous period');
  });
});

const entry = (id: number, rank: number) => ({
  id,
  rank,
  name: `A${id}`,
  artist: null,
  plays: 10 - rank,
  knownMs: 0,
});

describe('toBump', () => {
  const periods: LeaderPeriod[] = [
    { start: '2024-01-01', entries: [entry(1, 1), entry(2, 2), entry(3, 3)] },
    { start: '2024-02-01', entries: [entry(2, 1), entry(1, 2), entry(4, 3)] },
    { start: '2024-03-01', entries: [entry(2, 1), entry(4, 2)] },
  ];

  it('gives every entry one line with its rank per period, null outside the top', () => {
    const bump = toBump(periods);
    expect(bump.periods).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    expect(bump.lines.map((l) => [l.name, l.ranks])).toEqual([
      ['A2', [2, 1, 1]], // led twice
      ['A1', [1, 2, null]], // led once
      ['A4', [null, 3, 2]],
      ['A3', [3, null, null]],
    ]);
  });

  it('keeps the lines nearest the top when there are too many', () => {
    expect(toBump(periods, 2).lines.map((l) => l.name)).toEqual(['A2', 'A1']);
    expect(toBump([])).toEqual({ periods: [], lines: [] });
  });
});
