/**
 * What enrichment keeps (src/enrich): every answer of an outside service ("not found" included, with
 * when to ask again), images by content hash, each entity's artwork, genres and description, and
 * which entities each task has done. Every write is one short statement or transaction.
 */
import type { Database } from './database.js';
import { num, numOrNull, str, strOrNull, type Row } from './rows.js';
import { loadSql } from './sql-files.js';

export type CacheOutcome = 'found' | 'not_found' | 'failed';

export interface CachedAnswer {
  outcome: CacheOutcome;
  status: number | null;
  body: string | null;
  fetchedAt: number;
  /** Not asked again before this (epoch ms); null for a found answer. */
  retryAfter: number | null;
  tries: number;
}

export async function findCachedAnswer(
  db: Database,
  service: string,
  key: string,
): Promise<CachedAnswer | null> {
  const rows = await db.all<Row>(
    `SELECT outcome, status, body, epoch_ms(fetched_at) AS fetched_at, epoch_ms(retry_after) AS retry_after, tries
     FROM enrich_http_cache WHERE service = ? AND request_key = ?`,
    [service, key],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    outcome: str(r.outcome, 'outcome') as CacheOutcome,
    status: numOrNull(r.status, 'status'),
    body: strOrNull(r.body, 'body'),
    fetchedAt: num(r.fetched_at, 'fetched_at'),
    retryAfter: numOrNull(r.retry_after, 'retry_after'),
    tries: num(r.tries, 'tries'),
  };
}

export async function storeCachedAnswer(
  db: Database,
  entry: { service: string; key: string } & CachedAnswer,
): Promise<void> {
  await db.run(
    `INSERT INTO enrich_http_cache (service, request_key, outcome, status, body, fetched_at, retry_after, tries)
     VALUES ($service, $key, $outcome, $status, $body, make_timestamp($fetched * 1000),
       CASE WHEN $retry IS NULL THEN NULL ELSE make_timestamp($retry * 1000) END, $tries)
     ON CONFLICT (service, request_key) DO UPDATE SET outcome = excluded.outcome, status = excluded.status,
       body = excluded.body, fetched_at = excluded.fetched_at, retry_after = excluded.retry_after, tries = excluded.tries`,
    {
      service: entry.service,
      key: entry.key,
      outcome: entry.outcome,
      status: entry.status,
      body: entry.body,
      fetched: entry.fetchedAt,
      retry: entry.retryAfter,
      tries: entry.tries,
    },
  );
}

export interface StoredImage {
  hash: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
}

export async function recordImage(db: Database, image: StoredImage & { now: number }): Promise<void> {
  await db.run(
    `INSERT INTO enrich_images (hash, mime, bytes, width, height, stored_at)
     VALUES (?, ?, ?, ?, ?, make_timestamp(?::BIGINT * 1000)) ON CONFLICT (hash) DO NOTHING`,
    [image.hash, image.mime, image.bytes, image.width, image.height, image.now],
  );
}

export async function findImage(db: Database, hash: string): Promise<StoredImage | null> {
  const rows = await db.all<Row>(
    'SELECT hash, mime, bytes, width, height FROM enrich_images WHERE hash = ?',
    [hash],
  );
  const r = rows[0];
  return r
    ? {
        hash: str(r.hash, 'hash'),
        mime: str(r.mime, 'mime'),
        bytes: num(r.bytes, 'bytes'),
        width: numOrNull(r.width, 'width'),
        height: numOrNull(r.height, 'height'),
      }
    : null;
}

export interface ArtworkRow {
  entity: string;
  mbid: string;
  size: 'full' | 'thumb';
  hash: string;
  source: string;
  sourceUrl: string | null;
}

export async function storeArtwork(db: Database, rows: readonly ArtworkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction(async () => {
    for (const r of rows)
      await db.run(
        `INSERT INTO enrich_artwork (entity, mbid, size, hash, source, source_url) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (entity, mbid, size) DO UPDATE SET hash = excluded.hash, source = excluded.source,
           source_url = excluded.source_url`,
        [r.entity, r.mbid, r.size, r.hash, r.source, r.sourceUrl],
      );
  });
}

export async function findArtwork(
  db: Database,
  entities: readonly { entity: string; mbid: string }[],
): Promise<ArtworkRow[]> {
  if (entities.length === 0) return [];
  const rows = await db.all<Row>(
    `SELECT a.entity, a.mbid, a.size, a.hash, a.source, a.source_url
     FROM enrich_artwork a
     JOIN (SELECT unnest(from_json($keys, '[{"e":"VARCHAR","m":"VARCHAR"}]'), recursive := true)) q
       ON q.e = a.entity AND q.m = a.mbid`,
    { keys: JSON.stringify(entities.map((e) => ({ e: e.entity, m: e.mbid }))) },
  );
  return rows.map((r) => ({
    entity: str(r.entity, 'entity'),
    mbid: str(r.mbid, 'mbid'),
    size: str(r.size, 'size') as ArtworkRow['size'],
    hash: str(r.hash, 'hash'),
    source: str(r.source, 'source'),
    sourceUrl: strOrNull(r.source_url, 'source_url'),
  }));
}

export interface GenreRow {
  genre: string;
  subgenre: string | null;
  weight: number;
  source: 'musicbrainz' | 'discogs' | 'keyword';
}

/** Replaces an entity's genres (one transaction). */
export async function storeGenres(
  db: Database,
  entity: { entity: string; mbid: string },
  genres: readonly GenreRow[],
): Promise<void> {
  await db.transaction(async () => {
    await db.run('DELETE FROM enrich_genres WHERE entity = ? AND mbid = ?', [entity.entity, entity.mbid]);
    for (const g of genres)
      await db.run(
        'INSERT INTO enrich_genres (entity, mbid, genre, subgenre, weight, source) VALUES (?, ?, ?, ?, ?, ?)',
        [entity.entity, entity.mbid, g.genre, g.subgenre, g.weight, g.source],
      );
  });
}

export async function findGenres(
  db: Database,
  entity: { entity: string; mbid: string },
): Promise<GenreRow[]> {
  const rows = await db.all<Row>(
    `SELECT genre, subgenre, weight, source FROM enrich_genres WHERE entity = ? AND mbid = ?
     ORDER BY weight DESC, genre, subgenre`,
    [entity.entity, entity.mbid],
  );
  return rows.map((r) => ({
    genre: str(r.genre, 'genre'),
    subgenre: strOrNull(r.subgenre, 'subgenre'),
    weight: num(r.weight, 'weight'),
    source: str(r.source, 'source') as GenreRow['source'],
  }));
}

export interface DescriptionRow {
  text: string;
  source: 'llm' | 'template';
  model: string | null;
}

export async function storeDescription(
  db: Database,
  entity: { entity: string; mbid: string } & DescriptionRow & { now: number },
): Promise<void> {
  await db.run(
    `INSERT INTO enrich_descriptions (entity, mbid, text, source, model, created_at)
     VALUES (?, ?, ?, ?, ?, make_timestamp(?::BIGINT * 1000))
     ON CONFLICT (entity, mbid) DO UPDATE SET text = excluded.text, source = excluded.source,
       model = excluded.model, created_at = excluded.created_at`,
    [entity.entity, entity.mbid, entity.text, entity.source, entity.model, entity.now],
  );
}

export async function findDescription(
  db: Database,
  entity: { entity: string; mbid: string },
): Promise<DescriptionRow | null> {
  const rows = await db.all<Row>(
    'SELECT text, source, model FROM enrich_descriptions WHERE entity = ? AND mbid = ?',
    [entity.entity, entity.mbid],
  );
  const r = rows[0];
  return r
    ? {
        text: str(r.text, 'text'),
        source: str(r.source, 'source') as DescriptionRow['source'],
        model: strOrNull(r.model, 'model'),
      }
    : null;
}

/**
 * covers, genres and descriptions work on the matched albums and artists (enrich_candidates);
 * collection-covers on the Discogs releases of the collections and wantlists, kept in enrich_done
 * and enrich_artwork under the entity 'discogs-release' with the release id (as text) for the key.
 */
export type EnrichTask = 'covers' | 'genres' | 'descriptions' | 'collection-covers';

/** The entity collection covers are kept under in enrich_done and enrich_artwork. */
export const DISCOGS_RELEASE = 'discogs-release';

export async function markDone(
  db: Database,
  entry: {
    task: EnrichTask;
    entity: string;
    mbid: string;
    outcome: 'found' | 'none' | 'failed';
    now: number;
    retryAt: number | null;
  },
): Promise<void> {
  await db.run(
    `INSERT INTO enrich_done (task, entity, mbid, outcome, done_at, retry_at)
     VALUES (?, ?, ?, ?, make_timestamp(?::BIGINT * 1000), CASE WHEN ?::BIGINT IS NULL THEN NULL ELSE make_timestamp(?::BIGINT * 1000) END)
     ON CONFLICT (task, entity, mbid) DO UPDATE SET outcome = excluded.outcome, done_at = excluded.done_at,
       retry_at = excluded.retry_at`,
    [entry.task, entry.entity, entry.mbid, entry.outcome, entry.now, entry.retryAt, entry.retryAt],
  );
}

export interface EnrichTarget {
  entity: 'artist' | 'release-group' | 'release';
  mbid: string;
  /** A release to ask the Cover Art Archive for (the release group's most played, or itself). */
  releaseMbid: string | null;
  title: string;
  artist: string | null;
  year: string | null;
  plays: number;
}

const TARGETS = loadSql(import.meta.url, 'sql/enrich/targets.sql');
const COLLECTION_TARGETS = loadSql(import.meta.url, 'sql/enrich/collection-cover-targets.sql');
const PROGRESS = loadSql(import.meta.url, 'sql/enrich/progress.sql');

/**
 * The next entities a task has not done (or whose retry time has come), most played first: release
 * groups (or releases without one) and artists of the matched listens.
 */
export async function findEnrichTargets(
  db: Database,
  query: { task: EnrichTask; entities: readonly EnrichTarget['entity'][]; limit: number; now: number },
): Promise<EnrichTarget[]> {
  const rows = await db.all<Row>(TARGETS, {
    task: query.task,
    entities: JSON.stringify(query.entities),
    limit: query.limit,
    now: query.now,
  });
  return rows.map((r) => ({
    entity: str(r.entity, 'entity') as EnrichTarget['entity'],
    mbid: str(r.mbid, 'mbid'),
    releaseMbid: strOrNull(r.release_mbid, 'release_mbid'),
    title: str(r.title, 'title'),
    artist: strOrNull(r.artist, 'artist'),
    year: strOrNull(r.year, 'year'),
    plays: num(r.plays, 'plays'),
  }));
}

/**
 * The next Discogs release ids of the collections and wantlists whose cover has not been looked for
 * (or whose retry time has come): collection items first, the most recently added first.
 */
export async function findCollectionCoverTargets(
  db: Database,
  query: { limit: number; now: number },
): Promise<number[]> {
  const rows = await db.all<Row>(COLLECTION_TARGETS, { limit: query.limit, now: query.now });
  return rows.map((r) => num(r.id, 'id'));
}

export interface TaskProgress {
  task: EnrichTask;
  /** Entities the task applies to (matched, with listens; for collection-covers, Discogs releases). */
  total: number;
  found: number;
  none: number;
  failed: number;
  /** Not done yet, or due again. */
  remaining: number;
}

export async function enrichProgress(db: Database, now: number): Promise<TaskProgress[]> {
  const rows = await db.all<Row>(PROGRESS, { now });
  return rows.map((r) => ({
    task: str(r.task, 'task') as EnrichTask,
    total: num(r.total, 'total'),
    found: num(r.found, 'found'),
    none: num(r.none, 'none'),
    failed: num(r.failed, 'failed'),
    remaining: num(r.remaining, 'remaining'),
  }));
}

/** What the local catalogue holds of an entity's genres and tags (votes), for the genre task. */
export async function findLocalTags(
  db: Database,
  entity: { mbid: string },
): Promise<{ name: string; count: number; isGenre: boolean }[]> {
  const rows = await db.all<Row>('SELECT name, count, is_genre FROM mb_tags WHERE mbid = ?', [entity.mbid]);
  return rows.map((r) => ({
    name: str(r.name, 'name'),
    count: num(r.count, 'count'),
    isGenre: r.is_genre === true,
  }));
}

/** Facts about an entity in the local catalogue, for the keyword fallback and the description template. */
export async function findLocalFacts(
  db: Database,
  entity: { entity: string; mbid: string },
): Promise<{
  type: string | null;
  secondaryTypes: string[];
  country: string | null;
  begin: string | null;
} | null> {
  if (entity.entity === 'artist') {
    const rows = await db.all<Row>('SELECT type, country, begin_date FROM mb_artists WHERE mbid = ?', [
      entity.mbid,
    ]);
    const r = rows[0];
    return r
      ? {
          type: strOrNull(r.type, 'type'),
          secondaryTypes: [],
          country: strOrNull(r.country, 'country'),
          begin: strOrNull(r.begin_date, 'begin_date'),
        }
      : null;
  }
  const rows = await db.all<Row>(
    `SELECT primary_type, secondary_types, first_release_date FROM mb_release_groups
     WHERE mbid = ? OR mbid = (SELECT release_group_mbid FROM mb_releases WHERE mbid = ?)`,
    [entity.mbid, entity.mbid],
  );
  const r = rows[0];
  return r
    ? {
        type: strOrNull(r.primary_type, 'primary_type'),
        secondaryTypes: ((r.secondary_types as unknown[] | null) ?? []).map((t, i) =>
          str(t, `secondary_types[${i}]`),
        ),
        country: null,
        begin: strOrNull(r.first_release_date, 'first_release_date'),
      }
    : null;
}
