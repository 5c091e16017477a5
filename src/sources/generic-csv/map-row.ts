import { AppError } from '../../domain/errors.js';
import { listen, reject, type Outcome } from '../common/outcome.js';
import { hasSeconds, numberOrNull, parseIsoUtc, parseLastfmTextDate, textOrNull } from '../common/values.js';
import type { ColumnMapping } from '../types.js';

const DELIMITERS = [',', '\t', ';'] as const;

/** The delimiter used most often outside quotes in the header line: comma, tab or semicolon. */
export function guessDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

export interface GenericLayout {
  readonly artist: number;
  readonly track: number;
  readonly timestamp: number;
  readonly release: number | null;
  readonly durationMs: number | null;
  readonly user: number | null;
  readonly timestampFormat: ColumnMapping['timestampFormat'];
}

/**
 * Finds the mapped columns in the header: the exact name first, then ignoring case and surrounding
 * spaces. A mapped column that is not there stops the import before any row is read.
 */
export function genericLayoutOf(
  header: readonly string[],
  mapping: ColumnMapping,
  file: string,
): GenericLayout {
  const find = (name: string): number => {
    const exact = header.indexOf(name);
    if (exact !== -1) return exact;
    const wanted = name.trim().toLowerCase();
    const loose = header.findIndex((h) => h.trim().toLowerCase() === wanted);
    if (loose !== -1) return loose;
    throw new AppError(
      'INVALID_INPUT',
      `column "${name}" is not in the header of ${file}; the header has: ${header.join(', ')}`,
    );
  };
  const optional = (name: string | undefined): number | null => (name === undefined ? null : find(name));
  return {
    artist: find(mapping.artist),
    track: find(mapping.track),
    timestamp: find(mapping.timestamp),
    release: optional(mapping.release),
    durationMs: optional(mapping.durationMs),
    user: optional(mapping.user),
    timestampFormat: mapping.timestampFormat,
  };
}

export interface ParsedTime {
  readonly ms: number;
  readonly precisionS: number;
}

function parseDateText(text: string): ParsedTime | null {
  const iso = parseIsoUtc(text);
  if (iso !== null) {
    const precisionS = hasSeconds(text) ? 1 : /\d{2}:\d{2}/.test(text) ? 60 : 86_400;
    return { ms: iso, precisionS };
  }
  const lastfm = parseLastfmTextDate(text);
  if (lastfm !== null) return { ms: lastfm, precisionS: 60 };
  // Anything else goes to Date.parse, told UTC unless the text names its own zone.
  const utc = Date.parse(`${text} UTC`);
  const ms = Number.isNaN(utc) ? Date.parse(text) : utc;
  return Number.isNaN(ms) ? null : { ms, precisionS: 1 };
}

/**
 * A timestamp cell. Without a declared format: 13 digits are Unix ms, 9–10 digits (optionally with a
 * fraction) Unix seconds, anything else a date text (UTC unless it carries an offset).
 */
export function parseGenericTimestamp(
  text: string,
  format?: ColumnMapping['timestampFormat'],
): ParsedTime | null {
  const t = text.trim();
  if (t === '') return null;
  if (format === 'unix' || format === 'unix_ms') {
    const n = numberOrNull(t);
    if (n === null) return null;
    return format === 'unix'
      ? { ms: Math.round(n * 1000), precisionS: 1 }
      : { ms: Math.round(n), precisionS: 1 };
  }
  if (format === undefined && /^\d+(\.\d+)?$/.test(t)) {
    const digits = t.indexOf('.') === -1 ? t.length : t.indexOf('.');
    if (digits === 13) return { ms: Math.round(Number(t)), precisionS: 1 };
    if (digits === 9 || digits === 10) return { ms: Math.round(Number(t) * 1000), precisionS: 1 };
    return null;
  }
  return parseDateText(t);
}

export function mapGenericRow(fields: readonly string[], layout: GenericLayout): Outcome {
  const at = (index: number | null): string | null => (index === null ? null : (fields[index] ?? null));
  const artist = at(layout.artist);
  const track = at(layout.track);
  const time = at(layout.timestamp);
  if (artist === null || track === null || time === null) {
    return reject('missing_field', `the row has ${fields.length} fields; the mapped columns need more`);
  }
  const parsed = parseGenericTimestamp(time, layout.timestampFormat);
  if (parsed === null) {
    const hint = layout.timestampFormat
      ? ''
      : ' (if it is one of those, add timestamp_format=unix, unix_ms or iso to --columns)';
    return reject('bad_timestamp', `timestamp ${JSON.stringify(time)} cannot be read${hint}`);
  }
  const duration = at(layout.durationMs);
  return listen({
    listenedAt: parsed.ms,
    stampedEdge: 'start',
    precisionS: parsed.precisionS,
    artist,
    track,
    release: textOrNull(at(layout.release)),
    durationMs: duration === null ? null : numberOrNull(duration),
    user: textOrNull(at(layout.user)),
  });
}
