/**
 * Time ranges for statistics. One meaning each, the same in the CLI, the API and the docs:
 *
 * - `week`, `month`, `year`: the last 7, 30 or 365 local days, today included — from local midnight
 *   at the start of the first day to local midnight after today (rolling, like Last.fm's "last 7
 *   days"; calendar periods are asked for with FROM..TO).
 * - `all_time`: every listen.
 * - `FROM..TO`: each side a date (YYYY-MM-DD, a whole local day: FROM from its first instant, TO
 *   through its last) or an ISO timestamp (an instant: FROM included, TO excluded; with Z or ±HH:MM
 *   it is absolute, without it is local wall time in the chosen zone). Either side may be left
 *   empty for an open end: `2024-01-01..` or `..2023-12-31`.
 */
import { AppError } from '../domain/errors.js';
import {
  addDays,
  canonicalTimeZone,
  formatDate,
  localDate,
  startOfLocalDay,
  zonedTimeToUtc,
} from './time-zone.js';

export const RANGE_EXAMPLES =
  'week, month, year, all_time, 2024-01-01..2024-12-31, 2024-06-01.., ..2023-12-31, 2024-03-31T01:00Z..2024-03-31T04:00Z';

/** Days counted by the rolling ranges, today included. */
export const ROLLING_DAYS = { week: 7, month: 30, year: 365 } as const;

export interface ResolvedRange {
  /** The range as asked, normalised ('all_time', 'week', '2024-01-01..2024-12-31'). */
  spec: string;
  /** Canonical IANA zone the range and all local-time statistics use. */
  tz: string;
  /** First instant included, UTC epoch ms; null when the range has no start. */
  fromMs: number | null;
  /** First instant after the range, UTC epoch ms; null when the range has no end. */
  toMs: number | null;
  /** First and last local day the range touches (inclusive); null on an open side. */
  firstDay: string | null;
  lastDay: string | null;
  /** Local date of `now`. */
  today: string;
}

interface RangeEdge {
  ms: number;
  /** Local day the edge falls on, inclusive (for TO: the last day covered). */
  day: string;
}

/**
 * Reads a range (see the module comment) in `tz` relative to `nowMs`.
 * Throws INVALID_INPUT naming what was wrong, with examples.
 */
export function resolveRange(spec: string, tz: string, nowMs: number): ResolvedRange {
  const zone = canonicalTimeZone(tz);
  const text = spec.trim();
  const today = localDate(zone, nowMs);
  const base = { tz: zone, today };
  const name = text.toLowerCase().replace(/[-\s]/g, '_');

  if (name === 'all_time' || name === 'all') {
    return { ...base, spec: 'all_time', fromMs: null, toMs: null, firstDay: null, lastDay: null };
  }
  if (name === 'week' || name === 'month' || name === 'year') {
    const firstDay = addDays(today, 1 - ROLLING_DAYS[name]);
    return {
      ...base,
      spec: name,
      fromMs: startOfLocalDay(zone, firstDay),
      toMs: startOfLocalDay(zone, addDays(today, 1)),
      firstDay,
      lastDay: today,
    };
  }
  const parts = text.split('..');
  if (parts.length !== 2) {
    throw invalidRange(spec, 'it is not a known name, and FROM..TO needs exactly one "..".');
  }
  const [fromText = '', toText = ''] = parts.map((p) => p.trim());
  if (fromText === '' && toText === '') throw invalidRange(spec, 'both ends are empty; use all_time.');
  const from = fromText === '' ? null : parseEdge(spec, fromText, zone, 'start');
  const to = toText === '' ? null : parseEdge(spec, toText, zone, 'end');
  if (from && to && from.ms >= to.ms) {
    throw invalidRange(
      spec,
      `FROM must be before TO, and ${fromText} is ${from.ms === to.ms ? 'the same instant as' : 'after'} ${toText}.`,
    );
  }
  return {
    ...base,
    spec: `${fromText}..${toText}`,
    fromMs: from?.ms ?? null,
    toMs: to?.ms ?? null,
    firstDay: from?.day ?? null,
    lastDay: to?.day ?? null,
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseEdge(spec: string, text: string, tz: string, side: 'start' | 'end'): RangeEdge {
  const date = DATE.exec(text);
  if (date) {
    const day = checkedDate(spec, text, Number(date[1]), Number(date[2]), Number(date[3]));
    // A date is a whole local day: the end of the range is the next day's first instant.
    return side === 'start'
      ? { ms: startOfLocalDay(tz, day), day }
      : { ms: startOfLocalDay(tz, addDays(day, 1)), day };
  }
  const ts = TIMESTAMP.exec(text);
  if (ts) {
    const [year, month, dayOfMonth, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) =>
      Number(ts[i] ?? 0),
    ) as [number, number, number, number, number, number];
    checkedDate(spec, text, year, month, dayOfMonth);
    if (hour > 23 || minute > 59 || second > 59)
      throw invalidRange(spec, `'${text}' is not a valid time of day.`);
    const ms = Math.floor(Number(`0.${ts[7] ?? '0'}`) * 1000);
    const zone = ts[8];
    let instant: number;
    if (zone) {
      const wall = Date.UTC(year, month - 1, dayOfMonth, hour, minute, second, ms);
      instant = wall - zoneDesignatorMs(zone);
    } else {
      instant = zonedTimeToUtc(tz, { year, month, day: dayOfMonth, hour, minute, second, ms });
    }
    // TO is exclusive: the last day covered is the day of the instant just before it.
    return { ms: instant, day: localDate(tz, side === 'start' ? instant : instant - 1) };
  }
  throw invalidRange(
    spec,
    `'${text}' is neither a date (YYYY-MM-DD) nor an ISO timestamp (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]).`,
  );
}

function checkedDate(spec: string, text: string, year: number, month: number, day: number): string {
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw invalidRange(spec, `'${text}' is not a calendar date.`);
  }
  return formatDate(year, month, day);
}

function zoneDesignatorMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  return sign * (hours * 60 + minutes) * 60_000;
}

function invalidRange(spec: string, reason: string): AppError {
  return new AppError('INVALID_INPUT', `Invalid range '${spec}': ${reason} Examples: ${RANGE_EXAMPLES}.`);
}

/**
 * The period of the same length just before `range`, as a range spec, for rank movement: whole
 * local days before the first day when both ends are days (`week` → the 7 days before it,
 * `2024-03-01..2024-03-31` → `2024-01-30..2024-02-29`), else the same span of instants before
 * `fromMs`. Null when the range is open on either side (all_time, `2024-01-01..`): it has no
 * length to repeat.
 */
export function previousRange(range: ResolvedRange): string | null {
  if (range.fromMs === null || range.toMs === null) return null;
  const wholeDays =
    range.firstDay !== null &&
    range.lastDay !== null &&
    startOfLocalDay(range.tz, range.firstDay) === range.fromMs &&
    startOfLocalDay(range.tz, addDays(range.lastDay, 1)) === range.toMs;
  if (wholeDays) {
    const days = Math.round((Date.parse(range.lastDay!) - Date.parse(range.firstDay!)) / 86_400_000) + 1;
    return `${addDays(range.firstDay!, -days)}..${addDays(range.firstDay!, -1)}`;
  }
  const span = range.toMs - range.fromMs;
  return `${new Date(range.fromMs - span).toISOString()}..${new Date(range.fromMs).toISOString()}`;
}
