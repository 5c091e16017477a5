/**
 * The catalogue as the rest of listenhouse sees it: how far matching has got, the matching view's
 * list, hand links, the MBID map export and the MusicBrainz identity of an artist, release or
 * recording page. The write path never reads these tables: matching is beside it, not in it.
 */
import type { MatchMethod, MatchStatus, TupleId } from './catalog-match-repository.js';
import type { Database } from './database.js';
import { bool, num, str, strOrNull, type Row } from './rows.js';
import { loadSql } from './sql-files.js';

const MATCH_SUMMARY = loadSql(import.meta.url, 'sql/catalog/match-summary.sql');
const UNMATCHED = loadSql(import.meta.url, 'sql/catalog/unmatched.sql');
const MATCH_OF_TUPLE = loadSql(import.meta.url, 'sql/catalog/match-of-tuple.sql');
const MBID_MAP = loadSql(import.meta.url, 'sql/catalog/mbid-map.sql');
const ENTITY_MBIDS = loadSql(import.meta.url, 'sql/catalog/entity-mbids.sql');

export interface MatchSummaryRow {
  /** A MatchStatus, or 'pending' for tuples not looked at yet. */
  status: MatchStatus | 'pending';
  method: MatchMethod;
  tuples: number;
  listens: number;
}

export async function summariseMatches(db: Database): Promise<MatchSummaryRow[]> {
  const rows = await db.all<Row>(MATCH_SUMMARY);
  return rows.map((r) => ({
    status: str(r.status, 'status') as MatchSummaryRow['status'],
    method: str(r.method, 'method') as MatchMethod,
    tuples: num(r.tuples, 'tuples'),
    listens: num(r.listens, 'listens'),
  }));
}

export interface UnmatchedEntry extends TupleId {
  artist: string;
  track: string;
  release: string | null;
  plays: number;
  lastPlayed: string;
  status: MatchStatus | 'pending';
  method: MatchMethod;
  confidence: number;
  /** The artists found when the recording was not ('partial'). */
  artistMbids: string[];
  /** Set only in a list of all tracks (`all`): the recording matched. */
  recordingMbid: string | null;
  suggestion: { recordingMbid: string; title: string; artist: string; confidence: number } | null;
}

export interface UnmatchedPage {
  entries: UnmatchedEntry[];
  total: number;
}

export async function listUnmatched(
  db: Database,
  query: { userId: number; limit: number; offset: number; search?: string; all?: boolean },
): Promise<UnmatchedPage> {
  const rows = await db.all<Row>(UNMATCHED, {
    all: query.all === true,
    user_id: query.userId,
    limit: query.limit,
    offset: query.offset,
    search: query.search ?? '',
  });
  return {
    total: rows.length > 0 ? num(rows[0]!.total, 'total') : 0,
    entries: rows.map((r) => ({
      creditId: num(r.credit_id, 'credit_id'),
      recordingId: num(r.recording_id, 'recording_id'),
      releaseId: num(r.release_id, 'release_id'),
      artist: str(r.artist, 'artist'),
      track: str(r.track, 'track'),
      release: strOrNull(r.release, 'release'),
      plays: num(r.plays, 'plays'),
      lastPlayed: str(r.last_played, 'last_played'),
      status: str(r.status, 'status') as UnmatchedEntry['status'],
      method: str(r.method, 'method') as MatchMethod,
      confidence: num(r.confidence, 'confidence'),
      artistMbids: (strOrNull(r.artist_mbids, 'artist_mbids') ?? '').split(';').filter((m) => m !== ''),
      recordingMbid: strOrNull(r.recording_mbid, 'recording_mbid'),
      suggestion: parseSuggestion(strOrNull(r.suggestion, 'suggestion')),
    })),
  };
}

function parseSuggestion(text: string | null): UnmatchedEntry['suggestion'] {
  if (!text) return null;
  const s = JSON.parse(text) as Record<string, unknown>;
  return {
    recordingMbid: String(s.recordingMbid),
    title: String(s.title),
    artist: String(s.artist),
    confidence: Number(s.confidence),
  };
}

export interface TupleMatch extends TupleId {
  artist: string;
  track: string;
  release: string | null;
  status: MatchStatus | 'pending';
  method: MatchMethod;
  confidence: number;
  artistMbids: string[];
  recordingMbid: string | null;
  releaseMbid: string | null;
  releaseGroupMbid: string | null;
  /** Whether the user asked about listened to it. */
  listened: boolean;
}

/** One tuple and its match; null when no listen holds it. */
export async function findTupleMatch(
  db: Database,
  tuple: TupleId & { userId: number },
): Promise<TupleMatch | null> {
  const rows = await db.all<Row>(MATCH_OF_TUPLE, {
    credit_id: tuple.creditId,
    recording_id: tuple.recordingId,
    release_id: tuple.releaseId,
    user_id: tuple.userId,
  });
  const r = rows[0];
  if (!r || !bool(r.stored, 'stored')) return null;
  return {
    creditId: tuple.creditId,
    recordingId: tuple.recordingId,
    releaseId: tuple.releaseId,
    artist: str(r.artist, 'artist'),
    track: str(r.track, 'track'),
    release: strOrNull(r.release, 'release'),
    status: (strOrNull(r.status, 'status') ?? 'pending') as TupleMatch['status'],
    method: (strOrNull(r.method, 'method') ?? 'none') as MatchMethod,
    confidence: r.confidence === null ? 0 : num(r.confidence, 'confidence'),
    artistMbids: (strOrNull(r.artist_mbids, 'artist_mbids') ?? '').split(';').filter((m) => m !== ''),
    recordingMbid: strOrNull(r.recording_mbid, 'recording_mbid'),
    releaseMbid: strOrNull(r.release_mbid, 'release_mbid'),
    releaseGroupMbid: strOrNull(r.release_group_mbid, 'release_group_mbid'),
    listened: bool(r.listened, 'listened'),
  };
}

export interface HandDecision extends TupleId {
  action: 'link' | 'unlink';
  artistMbids: readonly string[];
  recordingMbid: string | null;
  releaseMbid: string | null;
  userId: number;
  now: number;
}

/**
 * Records a hand link or unlink and applies it to the tuple's match at once, in one transaction:
 * every later re-match keeps it (the matcher reads catalog_links first).
 */
export async function recordHandDecision(db: Database, d: HandDecision): Promise<void> {
  const artists = d.artistMbids.join(';');
  await db.transaction(async () => {
    await db.run(
      `INSERT INTO catalog_links (credit_id, recording_id, release_id, action, artist_mbids, recording_mbid,
         release_mbid, user_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?::BIGINT * 1000))`,
      [
        d.creditId,
        d.recordingId,
        d.releaseId,
        d.action,
        artists || null,
        d.recordingMbid,
        d.releaseMbid,
        d.userId,
        d.now,
      ],
    );
    await db.run('DELETE FROM catalog_matches WHERE credit_id = ? AND recording_id = ? AND release_id = ?', [
      d.creditId,
      d.recordingId,
      d.releaseId,
    ]);
    const linked = d.action === 'link';
    await db.run(
      `INSERT INTO catalog_matches (credit_id, recording_id, release_id, status, method, confidence, artist_mbids,
         recording_mbid, release_mbid, release_group_mbid, suggestion, generation, matched_at)
       VALUES (?, ?, ?, ?, 'hand', ?, ?, ?, ?, NULL, NULL,
         (SELECT value FROM catalog_state WHERE name = 'generation'), make_timestamp(?::BIGINT * 1000))`,
      [
        d.creditId,
        d.recordingId,
        d.releaseId,
        linked ? 'linked' : 'unlinked',
        linked ? 1 : 0,
        linked ? artists || null : null,
        linked ? d.recordingMbid : null,
        linked ? d.releaseMbid : null,
        d.now,
      ],
    );
  });
}

/** What the catalogue knows of a recording MBID (for a hand link: its credit, whether it exists). */
export async function findMbRecording(
  db: Database,
  mbid: string,
): Promise<{ title: string; artistMbids: string[]; credit: string | null } | null> {
  const rows = await db.all<Row>(
    `SELECT r.title, r.credit,
       (SELECT list(artist_mbid ORDER BY position) FROM mb_credits c WHERE c.mbid = r.mbid) AS artists
     FROM mb_recordings r WHERE r.mbid = ?`,
    [mbid],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    title: str(r.title, 'title'),
    credit: strOrNull(r.credit, 'credit'),
    artistMbids: ((r.artists as unknown[] | null) ?? []).map((a, i) => str(a, `artists[${i}]`)),
  };
}

export interface MbidMapRow {
  artistName: string;
  trackName: string;
  releaseName: string;
  artistMbids: string;
  recordingMbid: string;
  releaseMbid: string;
  confidence: number;
  method: string;
}

/** Every row of the MBID map, in pages (a history's distinct tuples can be millions). */
export async function* readMbidMap(db: Database, pageSize = 50_000): AsyncGenerator<MbidMapRow[]> {
  const columns = await db.columns(MBID_MAP, {
    artist_name: 'text',
    track_name: 'text',
    release_name: 'text',
    artist_mbids: 'text',
    recording_mbid: 'text',
    release_mbid: 'text',
    confidence: 'float64',
    method: 'text',
  });
  const c = columns.columns;
  for (let from = 0; from < columns.rowCount; from += pageSize) {
    const page: MbidMapRow[] = [];
    for (let i = from; i < Math.min(columns.rowCount, from + pageSize); i++)
      page.push({
        artistName: c.artist_name[i]!,
        trackName: c.track_name[i]!,
        releaseName: c.release_name[i]!,
        artistMbids: c.artist_mbids[i]!,
        recordingMbid: c.recording_mbid[i]!,
        releaseMbid: c.release_mbid[i]!,
        confidence: c.confidence[i]!,
        method: c.method[i]!,
      });
    yield page;
  }
}

export interface EntityMbids {
  artistMbid: string | null;
  recordingMbid: string | null;
  releaseMbid: string | null;
  releaseGroupMbid: string | null;
}

/** The MusicBrainz identity of a stored artist, release or recording, from its matched listens. */
export async function findEntityMbids(
  db: Database,
  entity: { kind: 'artist' | 'release' | 'recording'; id: number },
): Promise<EntityMbids> {
  const rows = await db.all<Row>(ENTITY_MBIDS, { kind: entity.kind, id: entity.id });
  const r = rows[0] ?? {};
  return {
    artistMbid: strOrNull(r.artist_mbid, 'artist_mbid') || null,
    recordingMbid: strOrNull(r.recording_mbid, 'recording_mbid'),
    releaseMbid: strOrNull(r.release_mbid, 'release_mbid'),
    releaseGroupMbid: strOrNull(r.release_group_mbid, 'release_group_mbid'),
  };
}
