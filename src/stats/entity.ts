/**
 * One artist, release or recording as its page shows it: plays and time in the range, its share of
 * the user's listening, first and last listen, plays per local month, the recordings and releases
 * under it, and the sources its listens came from. The queries are entity-*.sql over the
 * entity_listens macro (entity-listens.sql).
 */
import { AppError } from '../domain/errors.js';
import type { Database } from '../store/database.js';
import { isoOrNull, num, str, strOrNull, toTopWithArtist } from './mappers.js';
import { loadQuery } from './queries.js';
import { resolveStatsRange } from './stats-service.js';
import { offsetSegments, type OffsetSegment } from './time-zone.js';
import type { ListeningTime, RangeInfo, StatsOptions, TopRecording, TopRelease } from './types.js';

export const ENTITY_KINDS = ['artist', 'release', 'recording'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const ENTITY_TOP = 10;

export interface EntityMonth {
  /** Local month, 'YYYY-MM'. */
  month: string;
  plays: number;
  knownMs: number;
}

export interface EntityPage extends ListeningTime {
  range: RangeInfo;
  kind: EntityKind;
  id: number;
  name: string;
  mbid: string | null;
  /** The artist of a release or the credit of a recording; null for an artist. */
  artist: string | null;
  plays: number;
  /** plays / the user's plays in the range, 0-1. */
  share: number;
  firstListen: string | null;
  lastListen: string | null;
  /** Every local month from the first listen's to the last's, empty ones included. */
  months: EntityMonth[];
  /** The most played recordings of an artist or release (empty for a recording). */
  recordings: TopRecording[];
  /** The most played releases of an artist (empty otherwise). */
  releases: TopRelease[];
  /** Listens per source; a listen merged from several sources counts for each. */
  sources: { source: string; plays: number }[];
}

export async function getEntity(
  db: Database,
  options: StatsOptions & { kind: EntityKind; id: number; limit?: number },
): Promise<EntityPage> {
  const { kind, id } = options;
  if (!ENTITY_KINDS.includes(kind))
    throw new AppError('INVALID_INPUT', `Unknown kind '${String(kind)}': use ${ENTITY_KINDS.join(', ')}.`);
  if (!Number.isInteger(id) || id < 1) throw new AppError('INVALID_INPUT', `Invalid ${kind} id ${id}.`);
  const [named] = await db.all(loadQuery('entity-name'), { kind, id });
  if (!named) throw new AppError('NOT_FOUND', `No ${kind} with id ${id}.`);
  const { info, fromMs, toMs } = await resolveStatsRange(db, options);
  const params = { user_id: options.userId, from_ms: fromMs, to_ms: toMs, kind, id };
  const limit = options.limit ?? ENTITY_TOP;
  // The macro and the queries over it run on one connection (the reader has several).
  const { overview, buckets, recordings, releases } = await db.exclusive(async () => {
    await db.run(loadQuery('entity-listens'));
    return {
      overview: (await db.all(loadQuery('entity-overview'), params))[0],
      buckets: await db.all(loadQuery('entity-buckets'), params),
      recordings:
        kind === 'recording' ? [] : await db.all(loadQuery('entity-top-recordings'), { ...params, limit }),
      releases: kind === 'artist' ? await db.all(loadQuery('entity-top-releases'), { ...params, limit }) : [],
    };
  });
  const plays = num(overview?.plays ?? 0, 'plays');
  const userPlays = num(overview?.user_plays ?? 0, 'user_plays');
  const sources = Array.isArray(overview?.sources) ? (overview.sources as Record<string, unknown>[]) : [];
  return {
    range: info,
    kind,
    id,
    name: str(named.name, 'name'),
    mbid: strOrNull(named.mbid, 'mbid'),
    artist: strOrNull(named.artist, 'artist'),
    plays,
    knownMs: num(overview?.known_ms ?? 0, 'known_ms'),
    unknownTimePlays: num(overview?.unknown_plays ?? 0, 'unknown_plays'),
    share: userPlays > 0 ? plays / userPlays : 0,
    firstListen: isoOrNull(overview?.first_listen ?? null, 'first_listen'),
    lastListen: isoOrNull(overview?.last_listen ?? null, 'last_listen'),
    months: localMonths(
      buckets.map((b) => ({
        startMs: num(b.bucket, 'bucket') * QUARTER_HOUR_MS,
        plays: num(b.plays, 'plays'),
        knownMs: num(b.known_ms, 'known_ms'),
      })),
      offsetSegments(info.tz, fromMs, toMs),
    ),
    recordings: recordings.map(toTopWithArtist),
    releases: releases.map(toTopWithArtist),
    sources: sources.map((s) => ({ source: str(s.source, 'source'), plays: num(s.plays, 'plays') })),
  };
}

const QUARTER_HOUR_MS = 900_000;

/**
 * UTC quarter-hour buckets (ascending) summed into local months, with every month between the first
 * and the last: each bucket lies inside one offset segment, since offsets change on quarter hours.
 */
export function localMonths(
  buckets: readonly { startMs: number; plays: number; knownMs: number }[],
  segments: readonly OffsetSegment[],
): EntityMonth[] {
  const sums = new Map<string, EntityMonth>();
  let s = 0;
  for (const b of buckets) {
    while (s + 1 < segments.length && segments[s + 1]!.startMs <= b.startMs) s++;
    const local = new Date(b.startMs + (segments[s]?.offsetMs ?? 0));
    const month = `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
    const sum = sums.get(month) ?? { month, plays: 0, knownMs: 0 };
    sum.plays += b.plays;
    sum.knownMs += b.knownMs;
    sums.set(month, sum);
  }
  const keys = [...sums.keys()].sort();
  const first = keys[0];
  const last = keys.at(-1);
  if (!first || !last) return [];
  const months: EntityMonth[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(sums.get(month) ?? { month, plays: 0, knownMs: 0 });
    if (month === last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}
