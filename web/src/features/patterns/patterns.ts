/**
 * The patterns page's data shaping: the weekday × hour grid of GET /api/stats/clock (plays[weekday]
 * [hour], weekday 0 = Monday, hours local to the zone the answer names) as a heatmap, split into
 * weekdays and weekends, and a breakdown's entries as bars.
 */

/** Monday-Friday are weekdays (0-4), Saturday and Sunday (5, 6) the weekend. */
export const WEEKEND = new Set([5, 6]);

export interface HeatCell {
  weekday: number;
  hour: number;
  plays: number;
}

export interface Heatmap {
  /** [hour, weekday, plays] for every cell: ECharts' heatmap data on a category grid. */
  data: [number, number, number][];
  /** Plays in the busiest cell (at least 1: the top of the colour scale). */
  max: number;
  total: number;
  /** The busiest cell, the earliest in the week when tied; null without listens. */
  peak: HeatCell | null;
}

export function toHeatmap(plays: readonly (readonly number[])[]): Heatmap {
  const data: [number, number, number][] = [];
  let peak: HeatCell | null = null;
  let total = 0;
  for (let weekday = 0; weekday < 7; weekday++)
    for (let hour = 0; hour < 24; hour++) {
      const n = plays[weekday]?.[hour] ?? 0;
      data.push([hour, weekday, n]);
      total += n;
      if (n > 0 && (!peak || n > peak.plays)) peak = { weekday, hour, plays: n };
    }
  return { data, max: Math.max(1, peak?.plays ?? 0), total, peak };
}

export interface DayKindSplit {
  plays: number;
  /** Of all plays, 0-1 (0 without listens). */
  share: number;
  /** Plays per day of the kind: plays ÷ 5 for weekdays, ÷ 2 for the weekend. */
  perDay: number;
  /** The hour with most plays on these days (the earliest when tied), or null without any. */
  busiestHour: number | null;
}

export interface WeekSplit {
  weekday: DayKindSplit;
  weekend: DayKindSplit;
  total: number;
}

/** Weekdays against the weekend, from the clock grid alone. */
export function splitWeek(plays: readonly (readonly number[])[]): WeekSplit {
  const hours = { weekday: new Array<number>(24).fill(0), weekend: new Array<number>(24).fill(0) };
  for (let weekday = 0; weekday < 7; weekday++) {
    const kind = WEEKEND.has(weekday) ? hours.weekend : hours.weekday;
    for (let hour = 0; hour < 24; hour++) kind[hour]! += plays[weekday]?.[hour] ?? 0;
  }
  const sum = (a: number[]) => a.reduce((s, n) => s + n, 0);
  const total = sum(hours.weekday) + sum(hours.weekend);
  const of = (perHour: number[], days: number): DayKindSplit => {
    const n = sum(perHour);
    const top = Math.max(...perHour);
    return {
      plays: n,
      share: total === 0 ? 0 : n / total,
      perDay: n / days,
      busiestHour: n === 0 ? null : perHour.indexOf(top),
    };
  };
  return { weekday: of(hours.weekday, 5), weekend: of(hours.weekend, 2), total };
}

export interface Bar {
  value: string;
  plays: number;
  share: number;
  /** Width against the largest bar, 0-1. */
  width: number;
}

/**
 * A breakdown's entries (most plays first) as at most `max` bars; the rest summed into one
 * "other" bar (named `otherLabel`) so that the shares still add up to the whole.
 */
export function toBars(
  entries: readonly { value: string; plays: number; share: number }[],
  max: number,
  otherLabel = 'other',
): Bar[] {
  const head = entries.slice(0, entries.length > max ? max - 1 : max);
  const rest = entries.slice(head.length);
  const shown = head.map((e) => ({ value: e.value, plays: e.plays, share: e.share }));
  if (rest.length > 0)
    shown.push({
      value: otherLabel,
      plays: rest.reduce((s, e) => s + e.plays, 0),
      share: rest.reduce((s, e) => s + e.share, 0),
    });
  const top = Math.max(1, ...shown.map((b) => b.plays));
  return shown.map((b) => ({ ...b, width: b.plays / top }));
}

/** The gaps (minutes) the sessions' selector offers; 30 is the server's default. */
export const GAPS = [15, 30, 60, 120] as const;
export const DEFAULT_GAP = 30;

/** `?gap=` as one of GAPS, else the default. */
export function parseGap(text: string | null): number {
  const n = Number(text);
  return (GAPS as readonly number[]).includes(n) ? n : DEFAULT_GAP;
}

/** Weekday names from Monday, in the locale. */
export function weekdayNames(locale?: string, style: 'short' | 'long' = 'short'): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' });
  // 2024-01-01 is a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** "14:00–15:00" in the locale's clock. */
export function hourSpan(hour: number, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  const at = (h: number) => format.format(new Date(Date.UTC(2024, 0, 1, h % 24)));
  return `${at(hour)}–${at(hour + 1)}`;
}
