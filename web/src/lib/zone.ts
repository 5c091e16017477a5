/**
 * Wall-clock times in a named zone (the profile owner's, which the server's statistics use too),
 * whatever zone the browser is in: what a datetime-local input shows and what it means.
 */

/** The wall clock of `ms` in `timeZone`, to the minute, as a datetime-local value (YYYY-MM-DDTHH:MM). */
export function toZonedInput(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const wall = toZonedInput(new Date(ms).toISOString(), timeZone);
  const seconds = new Date(ms).getUTCSeconds() * 1000 + new Date(ms).getUTCMilliseconds();
  return Date.parse(`${wall}:00Z`) + seconds - ms;
}

/**
 * The instant a datetime-local value (YYYY-MM-DDTHH:MM) means in `timeZone`; null when it is not
 * one. A wall time skipped by a clock change is read with the offset before it.
 */
export function fromZonedInput(text: string, timeZone: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return null;
  const wall = Date.parse(`${text}:00Z`);
  if (Number.isNaN(wall)) return null;
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}
