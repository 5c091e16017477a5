/**
 * The matcher's queries (src/catalog/match-service.ts): the tuples to match, the stored names behind
 * them, and candidate look-ups in the MusicBrainz tables, each one set-based query per batch (keys
 * bound as one JSON array), so a batch of thousands of names costs a handful of hash joins. Reads go
 * to whatever Database the caller gives (the reader in the server); only storeMatches writes.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import { connectionOf } from './connection.js';
import type { Database } from './database.js';
import { readColumnsJS } from './column-reads.js';
import { num, str, type Row } from './rows.js';
import { loadSql } from './sql-files.js';

const sql = (name: string) => loadSql(import.meta.url, `sql/catalog/match/${name}.sql`);
const PENDING = sql('pending-tuples');
const STORED_CREDITS = sql('stored-credits');
const STORED_TITLES = sql('stored-titles');
const ARTISTS_BY_KEYS = sql('artists-by-keys');
const ARTISTS_NEAR = sql('artists-near');
const RECORDINGS_BY_ARTIST_TITLE = sql('recordings-by-artist-title');
const RECORDINGS_BY_NAME_TITLE = sql('recordings-by-name-title');
const RECORDINGS_OF_ARTISTS = sql('recordings-of-artists');
const RECORDINGS_BY_TITLE = sql('recordings-by-title');
const CANDIDATE_RECORDINGS = sql('candidate-recordings');
const CANDIDATE_CREDITS = sql('candidate-credits');
const CANDIDATE_RELEASES = sql('candidate-releases');
const RELEASE_GROUPS_BY_ARTIST_TITLE = sql('release-groups-by-artist-title');
const ARTIST_NAMES = sql('artist-names');
const HAND_LINKS = sql('hand-links');
const STAGE_MATCHES = sql('stage-matches');
const STORE_MATCHES = sql('store-matches')
  .split(/;\s*(?:\n|$)/)
  .map((s) => s.trim())
  .filter((s) => s.replace(/^--.*$/gm, '').trim() !== '');

/** Column `i` of a columnar result, typed by the query's own SELECT list. */
function col<T>(columns: unknown[][], i: number): T[] {
  return (columns[i] ?? []) as T[];
}

const n = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

/** Columns of the tuples to match, as typed arrays (one entry per tuple). */
export interface PendingTuples {
  count: number;
  creditIds: Int32Array;
  recordingIds: Int32Array;
  releaseIds: Int32Array;
  listens: Int32Array;
  recordingMbids: string[];
  releaseMbids: string[];
  lengthsMs: Int32Array;
}

export async function findPendingTuples(
  db: Database,
  options: { afterListenId: number; generation: number },
): Promise<PendingTuples> {
  const result = await db.columns(
    PENDING,
    {
      credit_id: 'int32',
      recording_id: 'int32',
      release_id: 'int32',
      listens: 'int32',
      recording_mbid: 'text',
      release_mbid: 'text',
      length_ms: 'int32',
    },
    { after: options.afterListenId, generation: options.generation },
  );
  const c = result.columns;
  return {
    count: result.rowCount,
    creditIds: c.credit_id,
    recordingIds: c.recording_id,
    releaseIds: c.release_id,
    listens: c.listens,
    recordingMbids: c.recording_mbid,
    releaseMbids: c.release_mbid,
    lengthsMs: c.length_ms,
  };
}

/** The highest listen id stored: the matcher's high-water mark once a sweep has seen them all. */
export async function lastListenId(db: Database): Promise<number> {
  const rows = await db.all<Row>('SELECT coalesce(max(id), 0) AS id FROM listens');
  return num(rows[0]?.id, 'id');
}

export async function matchedUpTo(db: Database): Promise<number> {
  const rows = await db.all<Row>(`SELECT value FROM catalog_state WHERE name = 'matched_up_to_listen'`);
  return num(rows[0]?.value ?? 0, 'value');
}

export async function recordMatchedUpTo(db: Database, listenId: number): Promise<void> {
  await db.run(`UPDATE catalog_state SET value = greatest(value, ?) WHERE name = 'matched_up_to_listen'`, [
    listenId,
  ]);
}

export interface StoredMember {
  name: string;
  key: string;
  joinPhrase: string;
  /** An MBID a source gave for this artist; '' when none. */
  mbid: string;
}

export interface StoredCredit {
  id: number;
  name: string;
  key: string;
  members: StoredMember[];
}

export interface StoredName {
  id: number;
  title: string;
  /** The store key: artist key, U+001F, title (or release) key. */
  key: string;
  lengthMs: number | null;
}

export interface StoredNames {
  credits: Map<number, StoredCredit>;
  recordings: Map<number, StoredName>;
  releases: Map<number, StoredName>;
}

export async function findStoredNames(
  db: Database,
  ids: { credits: readonly number[]; recordings: readonly number[]; releases: readonly number[] },
): Promise<StoredNames> {
  const out: StoredNames = { credits: new Map(), recordings: new Map(), releases: new Map() };
  const credits = await readColumnsJS(db, STORED_CREDITS, { credits: JSON.stringify(ids.credits) });
  const [cid, cname, , member, key, join, mbid] = [
    col<number>(credits, 0),
    col<string>(credits, 1),
    col<number>(credits, 2),
    col<string>(credits, 3),
    col<string>(credits, 4),
    col<string>(credits, 5),
    col<string>(credits, 6),
  ];
  for (let i = 0; i < cid.length; i++) {
    const id = n(cid[i]);
    let credit = out.credits.get(id);
    if (!credit) {
      credit = { id, name: cname[i]!, key: '', members: [] };
      out.credits.set(id, credit);
    }
    credit.members.push({ name: member[i]!, key: key[i]!, joinPhrase: join[i]!, mbid: mbid[i]! });
  }
  const titles = await readColumnsJS(db, STORED_TITLES, {
    recordings: JSON.stringify(ids.recordings),
    releases: JSON.stringify(ids.releases),
  });
  const [kind, tid, title, tkey, length] = [
    col<string>(titles, 0),
    col<number>(titles, 1),
    col<string>(titles, 2),
    col<string>(titles, 3),
    col<number>(titles, 4),
  ];
  for (let i = 0; i < tid.length; i++) {
    const id = n(tid[i]);
    const lengthMs = n(length[i]);
    const name: StoredName = {
      id,
      title: title[i]!,
      key: tkey[i]!,
      lengthMs: lengthMs > 0 ? lengthMs : null,
    };
    (kind[i] === 'recording' ? out.recordings : out.releases).set(id, name);
  }
  return out;
}

export interface ArtistHit {
  key: string;
  loose: string;
  kind: 'name' | 'alias' | 'sort';
  mbid: string;
  /** Recordings that credit the artist first: a tie-breaker between artists of one name. */
  recordings: number;
}

export async function findArtistsByKeys(
  db: Database,
  keys: readonly string[],
  loose: readonly string[],
): Promise<ArtistHit[]> {
  if (keys.length === 0 && loose.length === 0) return [];
  const c = await readColumnsJS(db, ARTISTS_BY_KEYS, {
    keys: JSON.stringify(keys),
    loose: JSON.stringify(loose),
  });
  const [key, lk, kind, mbid, recordings] = [
    col<unknown>(c, 0),
    col<unknown>(c, 1),
    col<unknown>(c, 2),
    col<unknown>(c, 3),
    col<unknown>(c, 4),
  ];
  return key.map((_, i) => ({
    key: key[i] as string,
    loose: lk[i] as string,
    kind: kind[i] as ArtistHit['kind'],
    mbid: mbid[i] as string,
    recordings: n(recordings[i]),
  }));
}

export interface NearArtist {
  probe: string;
  mbid: string;
  key: string;
  loose: string;
  name: string;
}

export async function findArtistsNear(db: Database, loose: readonly string[]): Promise<NearArtist[]> {
  if (loose.length === 0) return [];
  const c = await readColumnsJS(db, ARTISTS_NEAR, { loose: JSON.stringify(loose) });
  const [probe, mbid, key, lk, name] = [
    col<string>(c, 0),
    col<string>(c, 1),
    col<string>(c, 2),
    col<string>(c, 3),
    col<string>(c, 4),
  ];
  return probe.map((_, i) => ({
    probe: probe[i]!,
    mbid: mbid[i]!,
    key: key[i]!,
    loose: lk[i]!,
    name: name[i]!,
  }));
}

export interface TitleProbe {
  artistMbid: string;
  key: string;
  loose: string;
}

export interface RecordingHit {
  artistMbid: string;
  /** The title key asked. */
  probe: string;
  recordingMbid: string;
  exact: boolean;
}

export async function findRecordingsByArtistTitle(
  db: Database,
  probes: readonly TitleProbe[],
): Promise<RecordingHit[]> {
  if (probes.length === 0) return [];
  const c = await readColumnsJS(db, RECORDINGS_BY_ARTIST_TITLE, {
    pairs: JSON.stringify(probes.map((p, i) => ({ i, a: p.artistMbid, k: p.key, l: p.loose }))),
  });
  const [at, recording, exact] = [col<unknown>(c, 0), col<unknown>(c, 1), col<unknown>(c, 2)];
  return at.map((_, i) => {
    const p = probes[n(at[i])]!;
    return {
      artistMbid: p.artistMbid,
      probe: p.key,
      recordingMbid: recording[i] as string,
      exact: exact[i] as boolean,
    };
  });
}

export interface NameTitleProbe {
  /** The credited name's store key and loose key. */
  nameKey: string;
  nameLoose: string;
  titleKey: string;
  titleLoose: string;
}

/** Recordings under any artist of a name with a title: `at` is the probe's position. */
export async function findRecordingsByNameTitle(
  db: Database,
  probes: readonly NameTitleProbe[],
): Promise<{ at: number; artistMbid: string; recordingMbid: string; exact: boolean }[]> {
  if (probes.length === 0) return [];
  const c = await readColumnsJS(db, RECORDINGS_BY_NAME_TITLE, {
    probes: JSON.stringify(
      probes.map((p, i) => ({ i, n: p.nameKey, nl: p.nameLoose, k: p.titleKey, l: p.titleLoose })),
    ),
  });
  const [at, artist, recording, exact] = [
    col<unknown>(c, 0),
    col<unknown>(c, 1),
    col<unknown>(c, 2),
    col<unknown>(c, 3),
  ];
  return at.map((_, i) => ({
    at: n(at[i]),
    artistMbid: artist[i] as string,
    recordingMbid: recording[i] as string,
    exact: exact[i] as boolean,
  }));
}

export interface ArtistTitle {
  artistMbid: string;
  recordingMbid: string;
  key: string;
  loose: string;
}

export async function findRecordingsOfArtists(
  db: Database,
  artistMbids: readonly string[],
  perArtist: number,
): Promise<ArtistTitle[]> {
  if (artistMbids.length === 0) return [];
  const c = await readColumnsJS(db, RECORDINGS_OF_ARTISTS, {
    artists: JSON.stringify(artistMbids),
    per_artist: perArtist,
  });
  const [artist, recording, key, lk] = [
    col<string>(c, 0),
    col<string>(c, 1),
    col<string>(c, 2),
    col<string>(c, 3),
  ];
  return artist.map((_, i) => ({
    artistMbid: artist[i]!,
    recordingMbid: recording[i]!,
    key: key[i]!,
    loose: lk[i]!,
  }));
}

export async function findRecordingsByTitle(
  db: Database,
  keys: readonly string[],
  loose: readonly string[],
  perTitle: number,
): Promise<{ key: string; loose: string; recordingMbid: string }[]> {
  if (keys.length === 0) return [];
  const c = await readColumnsJS(db, RECORDINGS_BY_TITLE, {
    keys: JSON.stringify(keys),
    loose: JSON.stringify(loose),
    per_title: perTitle,
  });
  const [key, lk, recording] = [col<string>(c, 0), col<string>(c, 1), col<string>(c, 2)];
  return key.map((_, i) => ({ key: key[i]!, loose: lk[i]!, recordingMbid: recording[i]! }));
}

export interface CandidateRecording {
  mbid: string;
  title: string;
  lengthMs: number | null;
  firstReleaseDate: string;
  artists: { artist: string; name: string; joinPhrase: string }[];
  releases: {
    release: string;
    releaseGroup: string;
    key: string;
    loose: string;
    groupKey: string;
    groupLoose: string;
  }[];
}

export async function findRecordingDetails(
  db: Database,
  mbids: readonly string[],
): Promise<Map<string, CandidateRecording>> {
  const out = new Map<string, CandidateRecording>();
  if (mbids.length === 0) return out;
  const params = { mbids: JSON.stringify(mbids) };
  const r = await readColumnsJS(db, CANDIDATE_RECORDINGS, params);
  const [mbid, title, length, date] = [
    col<unknown>(r, 0),
    col<unknown>(r, 1),
    col<unknown>(r, 2),
    col<unknown>(r, 3),
  ];
  for (let i = 0; i < mbid.length; i++) {
    const lengthMs = n(length[i]);
    out.set(mbid[i] as string, {
      mbid: mbid[i] as string,
      title: title[i] as string,
      lengthMs: lengthMs > 0 ? lengthMs : null,
      firstReleaseDate: date[i] as string,
      artists: [],
      releases: [],
    });
  }
  const c = await readColumnsJS(db, CANDIDATE_CREDITS, params);
  const [cm, , artist, name, join] = [
    col<unknown>(c, 0),
    col<unknown>(c, 1),
    col<unknown>(c, 2),
    col<unknown>(c, 3),
    col<unknown>(c, 4),
  ];
  for (let i = 0; i < cm.length; i++)
    out
      .get(cm[i] as string)
      ?.artists.push({ artist: artist[i] as string, name: name[i] as string, joinPhrase: join[i] as string });
  const rel = await readColumnsJS(db, CANDIDATE_RELEASES, params);
  const [rm, release, group, key, lk, gkey, glk] = [
    col<string>(rel, 0),
    col<string>(rel, 1),
    col<string>(rel, 2),
    col<string>(rel, 3),
    col<string>(rel, 4),
    col<string>(rel, 5),
    col<string>(rel, 6),
  ];
  for (let i = 0; i < rm.length; i++)
    out.get(rm[i]!)?.releases.push({
      release: release[i]!,
      releaseGroup: group[i]!,
      key: key[i]!,
      loose: lk[i]!,
      groupKey: gkey[i]!,
      groupLoose: glk[i]!,
    });
  return out;
}

export interface ReleaseHit {
  artistMbid: string;
  probe: string;
  entity: 'release' | 'release-group';
  mbid: string;
  releaseGroup: string;
}

export async function findReleasesByArtistTitle(
  db: Database,
  probes: readonly TitleProbe[],
): Promise<ReleaseHit[]> {
  if (probes.length === 0) return [];
  const rows = await db.all<Row>(RELEASE_GROUPS_BY_ARTIST_TITLE, {
    pairs: JSON.stringify(probes.map((p) => ({ a: p.artistMbid, k: p.key, l: p.loose }))),
  });
  return rows.map((r) => ({
    artistMbid: str(r.artist_mbid, 'artist_mbid'),
    probe: str(r.probe, 'probe'),
    entity: str(r.entity, 'entity') as ReleaseHit['entity'],
    mbid: str(r.mbid, 'mbid'),
    releaseGroup: str(r.release_group, 'release_group'),
  }));
}

export async function findArtistNames(
  db: Database,
  mbids: readonly string[],
): Promise<{ mbid: string; key: string; loose: string; name: string }[]> {
  if (mbids.length === 0) return [];
  const rows = await db.all<Row>(ARTIST_NAMES, { mbids: JSON.stringify(mbids) });
  return rows.map((r) => ({
    mbid: str(r.mbid, 'mbid'),
    key: str(r.key, 'key'),
    loose: str(r.loose, 'loose'),
    name: str(r.name, 'name'),
  }));
}

export interface TupleId {
  creditId: number;
  recordingId: number;
  releaseId: number;
}

export interface HandLink extends TupleId {
  action: 'link' | 'unlink';
  artistMbids: string;
  recordingMbid: string;
  releaseMbid: string;
}

/** Whether any hand link or unlink was ever made (most catalogues have none). */
export async function anyHandLinks(db: Database): Promise<boolean> {
  const rows = await db.all<Row>('SELECT EXISTS (SELECT 1 FROM catalog_links) AS any_link');
  return rows[0]?.any_link === true;
}

export async function findHandLinks(db: Database, tuples: readonly TupleId[]): Promise<HandLink[]> {
  if (tuples.length === 0) return [];
  const rows = await db.all<Row>(HAND_LINKS, {
    tuples: JSON.stringify(tuples.map((t) => [t.creditId, t.recordingId, t.releaseId])),
  });
  return rows.map((r) => ({
    creditId: num(r.credit_id, 'credit_id'),
    recordingId: num(r.recording_id, 'recording_id'),
    releaseId: num(r.release_id, 'release_id'),
    action: str(r.action, 'action') as HandLink['action'],
    artistMbids: str(r.artist_mbids, 'artist_mbids'),
    recordingMbid: str(r.recording_mbid, 'recording_mbid'),
    releaseMbid: str(r.release_mbid, 'release_mbid'),
  }));
}

export type MatchStatus = 'matched' | 'partial' | 'unmatched' | 'linked' | 'unlinked';
export type MatchMethod = 'hand' | 'submitted' | 'exact' | 'alias' | 'split' | 'fuzzy' | 'artist' | 'none';

export interface MatchRow extends TupleId {
  status: MatchStatus;
  method: MatchMethod;
  confidence: number;
  /** In credit order. */
  artistMbids: readonly string[];
  recordingMbid: string | null;
  releaseMbid: string | null;
  releaseGroupMbid: string | null;
  /** The best candidate below the threshold, for the matching view; null when none. */
  suggestion: Record<string, unknown> | null;
}

/** Stores a batch of decisions in one short transaction on the write connection. */
export async function storeMatches(
  db: Database,
  rows: readonly MatchRow[],
  context: { generation: number; now: number },
): Promise<void> {
  if (rows.length === 0) return;
  await db.exclusive(async () => {
    await db.run(STAGE_MATCHES);
    await db.transaction(async () => {
      const appender = await connectionOf(db).createAppender('stage_catalog_matches', 'main', 'temp');
      try {
        for (const r of rows) appendMatch(appender, r);
      } finally {
        appender.closeSync();
      }
      for (const statement of STORE_MATCHES)
        await db.run(
          statement,
          statement.includes('$generation')
            ? { generation: context.generation, now: context.now }
            : undefined,
        );
    });
  });
}

function appendMatch(appender: DuckDBAppender, r: MatchRow): void {
  appender.appendInteger(r.creditId);
  appender.appendInteger(r.recordingId);
  appender.appendInteger(r.releaseId);
  appender.appendVarchar(r.status);
  appender.appendVarchar(r.method);
  appender.appendDouble(r.confidence);
  appender.appendVarchar(r.artistMbids.join(';'));
  appender.appendVarchar(r.recordingMbid ?? '');
  appender.appendVarchar(r.releaseMbid ?? '');
  appender.appendVarchar(r.releaseGroupMbid ?? '');
  appender.appendVarchar(r.suggestion ? JSON.stringify(r.suggestion) : '');
  appender.endRow();
}
