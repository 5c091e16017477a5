/**
 * Reading loosely typed source values. Exports use "" and null alike for "absent" (Spotify, Last.fm
 * MBIDs), and numbers sometimes arrive as strings (Last.fm `uts`, ListenBrainz `duration_ms`).
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string as given (no trimming: the ingest layer normalises text), else null. */
export function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A finite number, or a string holding one; else null. */
export function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** The non-empty strings of an array, or null when there are none. */
export function textListOrNull(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const out: string[] = [];
  for (const item of value) if (typeof item === 'string' && item !== '') out.push(item);
  return out.length > 0 ? out : null;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** UTC epoch ms, or null when a part is out of range (Date.UTC would silently roll 31 Feb into March). */
function utcMs(p: DateParts): number | null {
  if (p.month < 0 || p.month > 11 || p.hour > 23 || p.minute > 59 || p.second > 60) return null;
  const ms = Date.UTC(p.year, p.month, p.day, p.hour, p.minute, p.second, p.ms);
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== p.day) return null;
  return ms;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff]]` or the `T` form, with an optional `Z`/`UTC`/offset.
 * Without a zone it is read as UTC, never as the machine's local time (which `Date.parse` would do).
 */
export function parseIsoUtc(text: string): number | null {
  const m = ISO_DATE_TIME.exec(text.trim());
  if (!m) return null;
  const fraction = m[7] ?? '';
  const ms = utcMs({
    year: Number(m[1]),
    month: Number(m[2]) - 1,
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    ms: fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
  });
  if (ms === null) return null;
  const zone = m[8];
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return ms;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return ms - sign * offsetMin * 60_000;
}

/** True when an ISO-style text carries seconds (precision 1 s rather than 1 min). */
export function hasSeconds(text: string): boolean {
  return /\d{2}:\d{2}:\d{2}/.test(text);
}

const LASTFM_TEXT_DATE = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4}),? (\d{1,2}):(\d{2})$/;

/** Last.fm's human date, `14 Jun 2024, 08:40` or without the comma (`4 Jun 2024 08:40`), in UTC. */
export function parseLastfmTextDate(text: string): number | null {
  const m = LASTFM_TEXT_DATE.exec(text.trim());
  if (!m) return null;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (month === undefined) return null;
  return utcMs({
    year: Number(m[3]),
    month,
    day: Number(m[1]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: 0,
    ms: 0,
  });
}

/** Seconds since the epoch (int or float) to ms; floats keep their milliseconds. */
export function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1000);
}
