/** Numbers, durations and dates in the browser's locale (undefined: the browser's own). */

export function formatCount(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** Listening time: whole hours from 10 hours on, else hours and minutes ("3 h 20 min"). */
export function formatDuration(ms: number, locale?: string): string {
  const minutes = Math.round(ms / 60_000);
  const unit = (value: number, u: 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours >= 10) return unit(Math.round(ms / 3_600_000), 'hour');
  const rest = minutes % 60;
  return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
}

export function formatDay(day: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** An instant on the clock of `timeZone` (the profile owner's; the browser's when not given). */
export function formatDateTime(iso: string, timeZone?: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

/** A month or year period start (YYYY-MM-DD) as an axis label: "Mar 2024" or "2024". */
export function formatPeriodStart(day: string, period: 'month' | 'year', locale?: string): string {
  const options: Intl.DateTimeFormatOptions =
    period === 'year'
      ? { year: 'numeric', timeZone: 'UTC' }
      : { month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(new Date(`${day}T00:00:00Z`));
}
