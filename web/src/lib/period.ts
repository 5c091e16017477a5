/**
 * The period every page shows, as it lives in the URL (`?range=`): the server's range names
 * (docs/statistics.md: week, month and year are the last 7, 30 and 365 days, today included),
 * all_time, or whole days FROM..TO. The URL is the state: a link shows the same numbers to anyone.
 */
export type PeriodName = 'week' | 'month' | 'year' | 'all_time';
export type Period = { kind: PeriodName } | { kind: 'days'; from: string; to: string };

export const PERIOD_NAMES: readonly PeriodName[] = ['week', 'month', 'year', 'all_time'];
export const DEFAULT_PERIOD: Period = { kind: 'year' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date YYYY-MM-DD that exists (no 2024-02-30). */
export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Reads `?range=`; anything it cannot read is the default (and `error` says why). */
export function parsePeriod(text: string | null): { period: Period; error: string | null } {
  if (text === null || text === '') return { period: DEFAULT_PERIOD, error: null };
  const name = text.trim().toLowerCase();
  if ((PERIOD_NAMES as readonly string[]).includes(name))
    return { period: { kind: name as PeriodName }, error: null };
  const [from = '', to = '', ...rest] = text.split('..');
  if (rest.length === 0 && isDay(from) && isDay(to)) {
    if (from > to) return { period: DEFAULT_PERIOD, error: `The period ${text} ends before it starts.` };
    return { period: { kind: 'days', from, to }, error: null };
  }
  return {
    period: DEFAULT_PERIOD,
    error: `"${text}" is not a period: use week, month, year, all_time or FROM..TO (2024-01-01..2024-12-31).`,
  };
}

/** The `range` the API takes (and the URL keeps). */
export function rangeOf(period: Period): string {
  return period.kind === 'days' ? `${period.from}..${period.to}` : period.kind;
}

export function isSamePeriod(a: Period, b: Period): boolean {
  return rangeOf(a) === rangeOf(b);
}

const NAME_LABELS: Record<PeriodName, string> = {
  week: 'Last 7 days',
  month: 'Last 30 days',
  year: 'Last 365 days',
  all_time: 'All time',
};

export function periodLabel(period: Period, locale?: string): string {
  if (period.kind !== 'days') return NAME_LABELS[period.kind];
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return format.formatRange(new Date(`${period.from}T00:00:00Z`), new Date(`${period.to}T00:00:00Z`));
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The days of the calendar heatmap: a year of days ending on the period's last day (today for the
 * rolling periods and all time), so the calendar always shows whole, comparable years.
 */
export function calendarDays(period: Period, today: string): { from: string; to: string } {
  const to = period.kind === 'days' && period.to < today ? period.to : today;
  return { from: addDays(to, -364), to };
}

/** Search parameters with one key set (or removed when `value` is null), the others kept. */
export function withParam(search: URLSearchParams, key: string, value: string | null): URLSearchParams {
  const next = new URLSearchParams(search);
  if (value === null) next.delete(key);
  else next.set(key, value);
  return next;
}

/** `?a=b` without percent-escaping the characters a range is made of, so URLs stay readable. */
export function searchText(search: URLSearchParams): string {
  const text = search.toString().replace(/%3A/gi, ':');
  return text ? `?${text}` : '';
}
