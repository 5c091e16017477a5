import { describe, expect, it } from 'vitest';
import { formatReport, formatTable, goalsMet, median, summarisePage, type PageRun } from './web-report.js';

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });
});

describe('summarisePage', () => {
  const runs: PageRun[] = [
    { drawnMs: 900, calls: { '/api/a': 100, '/api/b': 50 } },
    { drawnMs: 300, calls: { '/api/a': 120, '/api/b': 250 } },
    { drawnMs: 500, calls: { '/api/a': 80 } },
  ];
  it("takes each figure's median over the runs: drawn, each run's slowest call, each call", () => {
    const s = summarisePage('Overview', '/user/x', runs);
    expect(s.drawnMs).toBe(500);
    // The slowest calls of the runs are 100, 250 and 80.
    expect(s.slowestCallMs).toBe(100);
    expect(s.calls).toEqual([
      { call: '/api/b', medianMs: 150, runs: 2 },
      { call: '/api/a', medianMs: 100, runs: 3 },
    ]);
  });

  it('meets a goal only when every page does', () => {
    const fast = summarisePage('A', '/a', [{ drawnMs: 400, calls: { '/api/a': 150 } }]);
    const slow = summarisePage('B', '/b', [{ drawnMs: 1200, calls: { '/api/b': 199 } }]);
    expect(goalsMet([fast, slow])).toEqual({ data: true, drawn: false });
    expect(goalsMet([fast])).toEqual({ data: true, drawn: true });
  });
});

describe('the table', () => {
  it('pads columns to the widest cell, numbers to the right', () => {
    expect(
      formatTable(
        ['page', 'ms'],
        [
          ['Overview', '12'],
          ['Charts', '1,234'],
        ],
        [1],
      ),
    ).toBe(['page         ms', '--------  -----', 'Overview     12', 'Charts    1,234'].join('\n'));
  });

  it('says whether the goals are met', () => {
    const s = summarisePage('Charts', '/c', [{ drawnMs: 1500.4, calls: { '/api/stats/leaders?x': 250 } }]);
    const report = formatReport([s]);
    expect(report).toMatch(/^Charts +1,500 ms +250 ms +1 +1$/m);
    expect(report).toMatch(/^Charts +\/api\/stats\/leaders\?x +250 ms +–$/m);
    expect(report).toContain(
      'every API call under 200 ms: NOT met; every page drawn under 1000 ms: NOT met.',
    );
  });
});
