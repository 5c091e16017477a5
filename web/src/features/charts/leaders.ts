/**
 * The leaders of each month or year (GET /api/stats/leaders) as a bump chart: one line per entry
 * that was in any period's top, its rank in each period (null where it was outside the top).
 */
export interface LeaderPeriod {
  start: string;
  entries: {
    rank: number;
    id: number;
    name: string;
    artist: string | null;
    plays: number;
    knownMs: number;
  }[];
}

export interface BumpLine {
  id: number;
  name: string;
  artist: string | null;
  /** Rank per period, in the order of `periods`; null outside the top. */
  ranks: (number | null)[];
  /** Periods led (rank 1), for ordering the legend. */
  best: number;
}

export interface Bump {
  periods: string[];
  lines: BumpLine[];
}

/**
 * Lines in the order a reader looks for them: the best rank reached first, then how often it was
 * there, then the earliest appearance. `maxLines` keeps a long range readable: the lines cut are
 * the ones that never came near the top.
 */
export function toBump(periods: LeaderPeriod[], maxLines = 20): Bump {
  const lines = new Map<number, BumpLine & { count: number; atBest: number; first: number }>();
  periods.forEach((period, index) => {
    for (const e of period.entries) {
      let line = lines.get(e.id);
      if (!line) {
        line = {
          id: e.id,
          name: e.name,
          artist: e.artist,
          ranks: new Array<number | null>(periods.length).fill(null),
          best: e.rank,
          count: 0,
          atBest: 0,
          first: index,
        };
        lines.set(e.id, line);
      }
      line.ranks[index] = e.rank;
      line.count += 1;
      if (e.rank < line.best) {
        line.best = e.rank;
        line.atBest = 0;
      }
      if (e.rank === line.best) line.atBest += 1;
    }
  });
  const ordered = [...lines.values()].sort(
    (a, b) => a.best - b.best || b.atBest - a.atBest || b.count - a.count || a.first - b.first,
  );
  return {
    periods: periods.map((p) => p.start),
    lines: ordered
      .slice(0, maxLines)
      .map(({ id, name, artist, ranks, best }) => ({ id, name, artist, ranks, best })),
  };
}
