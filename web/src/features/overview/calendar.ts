/** Daily activity (GET /api/stats/activity?period=day) as an ECharts calendar heatmap's data. */
export interface DayBucket {
  start: string;
  plays: number;
}

export interface CalendarData {
  /** The calendar's first and last day. */
  range: [string, string];
  /** [day, plays] for every day with listens. */
  days: [string, number][];
  /** Plays on the busiest day: the top of the colour scale (at least 1). */
  max: number;
  total: number;
  activeDays: number;
}

export function toCalendar(buckets: DayBucket[], range: { from: string; to: string }): CalendarData {
  const inside = buckets.filter((b) => b.start >= range.from && b.start <= range.to);
  const days = inside.filter((b) => b.plays > 0).map((b): [string, number] => [b.start, b.plays]);
  return {
    range: [range.from, range.to],
    days,
    max: Math.max(1, ...days.map(([, plays]) => plays)),
    total: days.reduce((sum, [, plays]) => sum + plays, 0),
    activeDays: days.length,
  };
}
