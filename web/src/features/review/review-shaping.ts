/** The year in review's data as the page draws it: which years there are, the months, the peaks. */

/** Years with at least one listen, newest first, from the per-year activity buckets. */
export function yearsWithListens(buckets: readonly { start: string; plays: number }[]): number[] {
  return buckets
    .filter((b) => b.plays > 0)
    .map((b) => Number(b.start.slice(0, 4)))
    .sort((a, b) => b - a);
}

/**
 * The year to show: the one asked for when it has listens, else the newest year with listens
 * (`fallback` says so); null when there are no listens at all.
 */
export function chooseYear(
  asked: string | null | undefined,
  years: readonly number[],
): { year: number | null; fallback: boolean } {
  const wanted = asked && /^\d{4}$/.test(asked) ? Number(asked) : null;
  if (wanted !== null && years.includes(wanted)) return { year: wanted, fallback: false };
  return { year: years[0] ?? null, fallback: wanted !== null };
}

export interface MonthBar {
  /** 'YYYY-MM' */
  month: string;
  label: string;
  plays: number;
  /** Height against the busiest month, 0-1. */
  height: number;
  top: boolean;
}

export function monthBars(months: readonly { month: string; plays: number }[], locale?: string): MonthBar[] {
  const max = Math.max(0, ...months.map((m) => m.plays));
  const format = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  let topSeen = false;
  return months.map((m) => {
    const top = !topSeen && max > 0 && m.plays === max;
    if (top) topSeen = true;
    return {
      month: m.month,
      label: format.format(new Date(`${m.month}-01T00:00:00Z`)),
      plays: m.plays,
      height: max > 0 ? m.plays / max : 0,
      top,
    };
  });
}

export function monthName(month: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** An hour of the day as a span of the clock in the locale ("20:00–21:00", "8 PM – 9 PM"). */
export function hourSpan(hour: number, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  // Formatted apart: a range over midnight would name both days.
  const at = (h: number) => format.format(new Date(Date.UTC(2024, 0, 1, h % 24)));
  return `${at(hour)}–${at(hour + 1)}`;
}

/** 0 = Monday, as the API counts. */
export function weekdayName(weekday: number, locale?: string): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1 + weekday)),
  );
}

/** The hero number: whole minutes of known listening time. */
export function minutesOf(ms: number): number {
  return Math.round(ms / 60_000);
}
