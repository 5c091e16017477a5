import { describe, expect, it } from 'vitest';
import { alertLine, breakdownShares, genreHeatmap, lagSeries, phasesText } from './pipeline-shaping.js';

describe('the Pipeline page’s shaping', () => {
  it('lays genres by hour out as a heatmap, the most played genre first, with the busiest cell', () => {
    const heat = genreHeatmap([
      { hour: 8, genre: 'jazz', plays: 2 },
      { hour: 8, genre: 'rock', plays: 3 },
      { hour: 21, genre: 'rock', plays: 4 },
    ]);
    expect(heat.genres).toEqual(['rock', 'jazz']);
    expect(heat.data).toEqual([
      [8, 1, 2],
      [8, 0, 3],
      [21, 0, 4],
    ]);
    expect(heat.max).toBe(4);
    expect(heat.scaleMax).toBe(4);
    expect(heat.peak).toEqual({ hour: 21, genre: 'rock', plays: 4 });
    expect(genreHeatmap([])).toEqual({ genres: [], data: [], max: 0, scaleMax: 1, peak: null });
    // One burst of 400 among cells of 1-3: the colours stop at the 90th percentile, not at 400.
    const burst = genreHeatmap([
      ...Array.from({ length: 19 }, (_, h) => ({ hour: h, genre: 'pop', plays: 1 + (h % 3) })),
      { hour: 20, genre: 'noise', plays: 400 },
    ]);
    expect(burst.max).toBe(400);
    expect(burst.scaleMax).toBe(3);
  });

  it('gives each breakdown value its share of its own dimension', () => {
    const shares = breakdownShares([
      { dimension: 'country', value: 'FR', plays: 1 },
      { dimension: 'country', value: 'DE', plays: 3 },
      { dimension: 'device', value: 'phone', plays: 5 },
    ]);
    expect(shares.country).toEqual([
      { value: 'DE', plays: 3, share: 0.75 },
      { value: 'FR', plays: 1, share: 0.25 },
    ]);
    expect(shares.device).toEqual([{ value: 'phone', plays: 5, share: 1 }]);
    expect(shares.platform).toEqual([]);
  });

  it('raises the alert line from the latest run only: a failure, or a volume alert', () => {
    const ok = {
      id: 3,
      status: 'completed' as const,
      from: '2025-03-02',
      to: '2025-03-02',
      alert: null,
      error: null,
    };
    expect(alertLine([])).toBeNull();
    expect(alertLine([ok, { ...ok, id: 2, status: 'failed', error: 'disk full' }])).toBeNull();
    expect(alertLine([{ ...ok, status: 'failed', error: 'disk full' }])).toBe(
      'The last metrics run (#3, 2025-03-02) failed: disk full.',
    );
    expect(alertLine([{ ...ok, from: '2025-03-01', alert: 'listens moved beyond ×2' }])).toBe(
      'Metrics run #3 (2025-03-01 to 2025-03-02): listens moved beyond ×2.',
    );
  });

  it('writes phases short with their total, and splits the lag by group and topic', () => {
    expect(
      phasesText([
        { phase: 'volumes', ms: 12 },
        { phase: 'top artists', ms: 30 },
      ]),
    ).toEqual({ text: 'volumes 12 ms · top artists 30 ms', totalMs: 42 });
    expect(
      lagSeries([
        { committedAt: 't1', group: 'g', topic: 'a', lag: 5 },
        { committedAt: 't2', group: 'g', topic: 'b', lag: 7 },
        { committedAt: 't3', group: 'g', topic: 'a', lag: 0 },
      ]),
    ).toEqual([
      {
        name: 'g · a',
        points: [
          ['t1', 5],
          ['t3', 0],
        ],
      },
      { name: 'g · b', points: [['t2', 7]] },
    ]);
  });
});
