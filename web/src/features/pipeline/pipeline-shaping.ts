/** Pure shaping for the Pipeline page (tested without a browser). */

export interface GenreHour {
  hour: number;
  genre: string;
  plays: number;
}

/**
 * Plays per hour slot and genre as an ECharts heatmap: genres (rows) most played first, hours 0-23
 * (columns), cells [hour, genre row, plays]; with the busiest cell, and the top of the colour scale:
 * the 90th percentile of the cells, so that one burst does not leave every other cell blank.
 */
export function genreHeatmap(cells: readonly GenreHour[]): {
  genres: string[];
  data: [number, number, number][];
  max: number;
  scaleMax: number;
  peak: GenreHour | null;
} {
  const totals = new Map<string, number>();
  for (const c of cells) totals.set(c.genre, (totals.get(c.genre) ?? 0) + c.plays);
  const genres = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([g]) => g);
  const row = new Map(genres.map((g, i) => [g, i]));
  let peak: GenreHour | null = null;
  for (const c of cells) if (peak === null || c.plays > peak.plays) peak = c;
  const sorted = cells.map((c) => c.plays).sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))] ?? 0;
  return {
    genres,
    data: cells.map((c) => [c.hour, row.get(c.genre)!, c.plays]),
    max: peak?.plays ?? 0,
    scaleMax: Math.max(1, p90),
    peak,
  };
}

export type Dimension = 'country' | 'platform' | 'device';

/** Each dimension's values with their share of its plays, largest first. */
export function breakdownShares(
  rows: readonly { dimension: Dimension; value: string; plays: number }[],
): Record<Dimension, { value: string; plays: number; share: number }[]> {
  const out: Record<Dimension, { value: string; plays: number; share: number }[]> = {
    country: [],
    platform: [],
    device: [],
  };
  for (const dimension of ['country', 'platform', 'device'] as const) {
    const of = rows.filter((r) => r.dimension === dimension);
    const total = of.reduce((n, r) => n + r.plays, 0);
    out[dimension] = of
      .map((r) => ({ value: r.value, plays: r.plays, share: total > 0 ? r.plays / total : 0 }))
      .sort((a, b) => b.plays - a.plays || a.value.localeCompare(b.value));
  }
  return out;
}

export interface RunLike {
  id: number;
  status: 'running' | 'completed' | 'failed';
  from: string;
  to: string;
  alert: string | null;
  error: string | null;
}

/** The alert line: the latest run failed, or moved volumes beyond the threshold; null when all is well. */
export function alertLine(runs: readonly RunLike[]): string | null {
  const last = runs[0];
  if (!last) return null;
  const days = last.from === last.to ? last.from : `${last.from} to ${last.to}`;
  if (last.status === 'failed')
    return `The last metrics run (#${last.id}, ${days}) failed: ${last.error ?? last.alert ?? 'no reason recorded'}.`;
  if (last.alert) return `Metrics run #${last.id} (${days}): ${last.alert}.`;
  return null;
}

/** A run's phases as short text, and their total: "volumes 12 ms · top artists 30 ms". */
export function phasesText(phases: readonly { phase: string; ms: number }[]): {
  text: string;
  totalMs: number;
} {
  return {
    text: phases.map((p) => `${p.phase} ${p.ms} ms`).join(' · '),
    totalMs: phases.reduce((n, p) => n + p.ms, 0),
  };
}

/** The consumers' lag after each committed batch, one series per group and topic. */
export function lagSeries(
  batches: readonly { committedAt: string; group: string; topic: string; lag: number }[],
): { name: string; points: [string, number][] }[] {
  const series = new Map<string, [string, number][]>();
  for (const b of batches) {
    const name = `${b.group} · ${b.topic}`;
    const points = series.get(name) ?? [];
    points.push([b.committedAt, b.lag]);
    series.set(name, points);
  }
  return [...series.entries()].map(([name, points]) => ({ name, points }));
}
