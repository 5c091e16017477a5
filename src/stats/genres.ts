/**
 * Genre statistics: a user's top genres over a range and how they spread over the hours of the
 * day, from the genres enrichment found for the matched listens (docs/catalogue.md). A listen counts
 * once, shared among its genres by weight; listens without a match or genres are counted apart, so
 * a chart can say how much of the listening it covers. Keyword-fallback genres are marked.
 */
import type { Database } from '../store/database.js';
import { resolveRange } from './range.js';
import { loadSql } from '../store/sql-files.js';
import { num, str } from './mappers.js';

const GENRE_LISTENS = loadSql(import.meta.url, 'queries/genre-listens.sql');
const GENRE_TOTALS = loadSql(import.meta.url, 'queries/genre-totals.sql');

export interface GenreShare {
  genre: string;
  /** Listens counted for the genre (each listen's weight summed), rounded to 0.1. */
  plays: number;
  /** plays / listens with a genre. */
  share: number;
  /** Part of `plays` that only the keyword fallback gave (a guess, not a tag). */
  guessedShare: number;
}

export interface GenreStats {
  range: { spec: string; tz: string; from: string | null; to: string | null };
  listens: number;
  /** Listens matched to MusicBrainz. */
  matched: number;
  /** Listens with at least one genre. */
  withGenre: number;
  genres: GenreShare[];
  /** For the top genres (up to `hourGenres`): plays in each local hour 0-23. */
  byHour: { genre: string; hours: number[] }[];
}

interface Row {
  genre: unknown;
  weight: unknown;
  source: unknown;
  hour: unknown;
}

export async function getGenreStats(
  db: Database,
  options: { userId: number; range: string; tz: string; now: number; limit: number; hourGenres?: number },
): Promise<GenreStats> {
  const range = resolveRange(options.range, options.tz, options.now);
  const params = { user_id: options.userId, from_ms: range.fromMs, to_ms: range.toMs };
  const rows = await db.all<Row>(GENRE_LISTENS, { ...params, tz: range.tz });
  const [totals] = await db.all<{ listens: unknown; matched: unknown }>(GENRE_TOTALS, params);
  const plays = new Map<string, { plays: number; guessed: number; hours: number[] }>();
  let weightTotal = 0;
  for (const r of rows) {
    const genre = str(r.genre, 'genre');
    const weight = num(r.weight, 'weight');
    const entry = plays.get(genre) ?? { plays: 0, guessed: 0, hours: new Array<number>(24).fill(0) };
    entry.plays += weight;
    if (str(r.source, 'source') === 'keyword') entry.guessed += weight;
    const hour = num(r.hour, 'hour');
    entry.hours[hour] = (entry.hours[hour] ?? 0) + weight;
    plays.set(genre, entry);
    weightTotal += weight;
  }
  const ranked = [...plays.entries()].sort((a, b) => b[1].plays - a[1].plays || a[0].localeCompare(b[0]));
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    range: {
      spec: range.spec,
      tz: range.tz,
      from: range.fromMs === null ? null : new Date(range.fromMs).toISOString(),
      to: range.toMs === null ? null : new Date(range.toMs).toISOString(),
    },
    listens: num(totals?.listens ?? 0, 'listens'),
    matched: num(totals?.matched ?? 0, 'matched'),
    withGenre: Math.round(weightTotal),
    genres: ranked.slice(0, options.limit).map(([genre, e]) => ({
      genre,
      plays: round(e.plays),
      share: weightTotal === 0 ? 0 : Math.round((e.plays / weightTotal) * 1000) / 1000,
      guessedShare: e.plays === 0 ? 0 : Math.round((e.guessed / e.plays) * 1000) / 1000,
    })),
    byHour: ranked
      .slice(0, options.hourGenres ?? 6)
      .map(([genre, e]) => ({ genre, hours: e.hours.map(round) })),
  };
}
