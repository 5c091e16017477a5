/**
 * What the audit finds and the fixes act on: each detector reads the store and answers the rows at
 * fault, so `listenhouse audit` counts exactly what `listenhouse fix … --preview` would change.
 * Times are UTC; counts are listens unless a name says otherwise.
 */
import { looseOfKey, splitStoreKey } from '../catalog/match-keys.js';
import { nameSimilarity } from '../catalog/similarity.js';
import { splitArtistCredit, toKey } from '../domain/normalise.js';
import type { Database } from '../store/index.js';
import { big, num, numOrNull, str, textList } from '../store/rows.js';

/** Default fuzzy threshold for duplicates (0..1): names at least this alike are one. */
export const DEFAULT_FUZZY_THRESHOLD = 0.9;

/** A group of catalogue rows that name one thing: the canonical row (most plays) and the others. */
export interface DuplicateGroup {
  canonical: { id: number; name: string; plays: number };
  others: Array<{ id: number; name: string; plays: number; how: 'spelling' | 'fuzzy' }>;
  /** Listens of the others: what a merge changes. */
  listens: number;
}

interface Named {
  id: number;
  name: string;
  /** The block the names are compared within (an artist group for releases and recordings). */
  scope: string;
  /** The loose key (accents, "The", spacing and edition words folded). */
  loose: string;
  plays: number;
}

/** Union of names that are the same by loose key or alike at `threshold` within their scope. */
function groupNames(rows: readonly Named[], threshold: number): DuplicateGroup[] {
  const parent = rows.map((_, i) => i);
  const how = new Map<number, 'spelling' | 'fuzzy'>();
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const join = (a: number, b: number, kind: 'spelling' | 'fuzzy') => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    parent[rb] = ra;
    if (!how.has(b)) how.set(b, kind);
  };
  const byLoose = new Map<string, number>();
  const blocks = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const exact = `${row.scope}\u0000${row.loose}`;
    const seen = byLoose.get(exact);
    if (seen !== undefined) {
      join(seen, i, 'spelling');
      return;
    }
    byLoose.set(exact, i);
    const block = `${row.scope}\u0000${row.loose.slice(0, 2)}`;
    const members = blocks.get(block) ?? [];
    // A very common prefix would make the comparison quadratic: past 400 names a block is not searched.
    if (members.length < 400) {
      for (const j of members) {
        const other = rows[j]!;
        if (digitsOf(other.loose) !== digitsOf(row.loose)) continue;
        if (Math.min(other.loose.length, row.loose.length) < 5) continue;
        if (nameSimilarity(other.loose, row.loose) >= threshold) join(j, i, 'fuzzy');
      }
    }
    members.push(i);
    blocks.set(block, members);
  });
  const groups = new Map<number, number[]>();
  rows.forEach((_, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(i);
    groups.set(root, list);
  });
  const out: DuplicateGroup[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const sorted = members
      .map((i) => ({ i, row: rows[i]! }))
      .sort((a, b) => b.row.plays - a.row.plays || a.row.id - b.row.id);
    const [first, ...rest] = sorted;
    out.push({
      canonical: { id: first!.row.id, name: first!.row.name, plays: first!.row.plays },
      others: rest.map(({ i, row }) => ({
        id: row.id,
        name: row.name,
        plays: row.plays,
        how: how.get(i) ?? 'spelling',
      })),
      listens: rest.reduce((n, r) => n + r.row.plays, 0),
    });
  }
  return out.sort((a, b) => b.listens - a.listens || a.canonical.id - b.canonical.id);
}

/** "Part 1" and "Part 2", "1999" and "2000" are never one by fuzziness. */
function digitsOf(s: string): string {
  return s.replace(/\D+/g, '');
}

/** Edition words a release title may carry after the store's own edition tags are gone. */
const EDITION_WORDS =
  /(?:^|\s)(?:(?:\d+(?:st|nd|rd|th)?|\d{4})\s+)*(?:anniversary|deluxe|expanded|remaster(?:ed)?|reissue|legacy|collectors|special|super|bonus|edition|version|tracks?)(?:\s+(?:anniversary|deluxe|expanded|remaster(?:ed)?|reissue|legacy|collectors|special|super|bonus|edition|version|tracks?|\d{4}))*\s*$/u;

/** The release title key with trailing edition words removed ("abbey road 50th anniversary" → "abbey road"). */
export function releaseTitleCore(titleKey: string): string {
  const core = titleKey.replace(EDITION_WORDS, '').trim();
  return core === '' ? titleKey : core;
}

async function artistRows(db: Database): Promise<Named[]> {
  const rows = await db.all(
    `SELECT a.id, a.name, a.key, count(*) AS plays
     FROM listens l JOIN artist_credit_members m ON m.credit_id = l.artist_credit_id
     JOIN artists a ON a.id = m.artist_id
     GROUP BY a.id, a.name, a.key`,
  );
  return rows.map((r) => ({
    id: num(r.id, 'id'),
    name: str(r.name, 'name'),
    scope: '',
    loose: looseOfKey(str(r.key, 'key')),
    plays: num(r.plays, 'plays'),
  }));
}

/** Artists that are one artist spelled apart (case, accents, punctuation, "The", near spellings). */
export async function findDuplicateArtists(db: Database, threshold: number): Promise<DuplicateGroup[]> {
  return groupNames(await artistRows(db), threshold);
}

/**
 * Releases of one artist that are one release (of one stored artist: those of two spellings of an
 * artist become one when the artists are merged): spellings, edition words (remaster, deluxe, anniversary), near titles. */
export async function findDuplicateReleases(db: Database, threshold: number): Promise<DuplicateGroup[]> {
  const rows = await db.all(
    `SELECT r.id, r.title, r.key, r.artist_id, count(*) AS plays
     FROM listens l JOIN releases r ON r.id = l.release_id
     GROUP BY r.id, r.title, r.key, r.artist_id`,
  );
  return groupNames(
    rows.map((r) => {
      const artistId = num(r.artist_id, 'artist_id');
      return {
        id: num(r.id, 'id'),
        name: str(r.title, 'title'),
        scope: String(artistId),
        loose: looseOfKey(releaseTitleCore(splitStoreKey(str(r.key, 'key')).nameKey)),
        plays: num(r.plays, 'plays'),
      };
    }),
    threshold,
  );
}

/** Recordings of one artist that are one recording spelled apart (never by digits: "Part 1" ≠ "Part 2"). */
export async function findDuplicateRecordings(db: Database, threshold: number): Promise<DuplicateGroup[]> {
  const rows = await db.all(
    `SELECT r.id, r.title, r.key, r.artist_id, count(*) AS plays
     FROM listens l JOIN recordings r ON r.id = l.recording_id
     GROUP BY r.id, r.title, r.key, r.artist_id`,
  );
  return groupNames(
    rows.map((r) => {
      const artistId = num(r.artist_id, 'artist_id');
      return {
        id: num(r.id, 'id'),
        name: str(r.title, 'title'),
        scope: String(artistId),
        loose: looseOfKey(splitStoreKey(str(r.key, 'key')).nameKey),
        plays: num(r.plays, 'plays'),
      };
    }),
    threshold,
  );
}

/** A credit stored as one artist whose name joins artists known on their own ("A & B"). */
export interface Collaboration {
  creditId: number;
  name: string;
  /** The artists it names, in order, with the join phrase after each. */
  parts: Array<{ name: string; joinPhrase: string }>;
  listens: number;
}

const NAIVE_SEPARATOR = /\s*(?:,|;|\s\/\s|\s&\s|\s\+\s|\sand\s|\sx\s|\swith\s|\svs\.?\s|\s×\s)\s*/iu;

/**
 * Credits of one member whose name splits into artists that are known on their own (stored with
 * listens of their own, or MusicBrainz artists), unless the whole name is itself a MusicBrainz
 * artist or a protected name ("Simon & Garfunkel" stays).
 */
export async function findCollaborations(db: Database): Promise<Collaboration[]> {
  const rows = await db.all(
    `WITH single AS (
       SELECT credit_id FROM artist_credit_members GROUP BY credit_id HAVING count(*) = 1
     )
     SELECT c.id, a.name, a.key, count(*) AS plays
     FROM listens l JOIN single s ON s.credit_id = l.artist_credit_id
     JOIN artist_credit_members m ON m.credit_id = s.credit_id
     JOIN artists a ON a.id = m.artist_id JOIN artist_credits c ON c.id = s.credit_id
     GROUP BY c.id, a.name, a.key`,
  );
  const candidates = rows
    .map((r) => ({
      creditId: num(r.id, 'id'),
      name: str(r.name, 'name'),
      key: str(r.key, 'key'),
      listens: num(r.plays, 'plays'),
    }))
    .filter((c) => NAIVE_SEPARATOR.test(c.name));
  if (candidates.length === 0) return [];
  const partKeys = new Set<string>();
  for (const c of candidates) {
    partKeys.add(c.key);
    for (const part of c.name.split(NAIVE_SEPARATOR)) if (part.trim() !== '') partKeys.add(toKey(part));
  }
  const keys = [...partKeys];
  const known = new Set<string>();
  const inMusicBrainz = new Set<string>();
  const stored = await db.all(
    `SELECT DISTINCT a.key FROM artists a JOIN artist_credit_members m ON m.artist_id = a.id
     WHERE list_contains($keys, a.key)`,
    { keys: textList(keys) },
  );
  for (const r of stored) known.add(str(r.key, 'key'));
  const mb = await db.all(
    `SELECT DISTINCT key FROM mb_keys WHERE entity = 'artist' AND list_contains($keys, key)`,
    { keys: textList(keys) },
  );
  for (const r of mb) {
    known.add(str(r.key, 'key'));
    inMusicBrainz.add(str(r.key, 'key'));
  }
  const out: Collaboration[] = [];
  for (const c of candidates) {
    if (inMusicBrainz.has(c.key)) continue;
    const others = new Set([...known].filter((k) => k !== c.key));
    const parts = splitArtistCredit(c.name, others);
    if (parts.length < 2 || !parts.every((p) => others.has(p.key))) continue;
    out.push({
      creditId: c.creditId,
      name: c.name,
      parts: parts.map((p) => ({ name: p.name, joinPhrase: p.joinPhrase })),
      listens: c.listens,
    });
  }
  return out.sort((a, b) => b.listens - a.listens || a.creditId - b.creditId);
}

/** "Artist - Title" as radio streams report a track (hyphen, en or em dash between spaces). */
const STREAM_TITLE = /^\s*(.+?)\s+[-–—]\s+(.+?)\s*$/u;
const STATION_NAME =
  /\b(?:radio|fm|stream|webradio|soma ?fm|kexp|bbc radio\s*\d?|nts)\b|\d{2,3}[.,]\d\s*fm/iu;

/** The real artist and title a radio stream's title carries, or null. */
export function parseStreamTitle(title: string): { artist: string; title: string } | null {
  const m = STREAM_TITLE.exec(title);
  return m ? { artist: m[1]!, title: m[2]! } : null;
}

/** Listens of a station stored as the artist, with "Artist - Title" as the title. */
export interface StationListens {
  creditId: number;
  station: string;
  listens: number;
  examples: Array<{ title: string; artist: string; track: string }>;
}

/**
 * Credits that are radio stations: named like one ("… Radio", "… FM") with any "Artist - Title"
 * listen, or (at least 3 listens) with at least 80% of their listens titled "Artist - Title".
 */
export async function findStations(db: Database): Promise<StationListens[]> {
  const rows = await db.all(
    `SELECT l.artist_credit_id AS credit_id, c.name, count(*) AS plays,
       count(*) FILTER (WHERE regexp_matches(l.track, '^\\s*.+?\\s+[-–—]\\s+.+$')) AS streamed,
       list(DISTINCT l.track ORDER BY l.track)[1:3] AS titles
     FROM listens l JOIN artist_credits c ON c.id = l.artist_credit_id
     WHERE NOT EXISTS (SELECT 1 FROM listen_contexts x WHERE x.listen_id = l.id AND x.kind = 'station')
     GROUP BY l.artist_credit_id, c.name
     HAVING streamed > 0`,
  );
  const out: StationListens[] = [];
  for (const r of rows) {
    const name = str(r.name, 'name');
    const plays = num(r.plays, 'plays');
    const streamed = num(r.streamed, 'streamed');
    const isStation = STATION_NAME.test(name) || (plays >= 3 && streamed / plays >= 0.8);
    if (!isStation) continue;
    const titles = (r.titles as unknown[]).map((t) => String(t));
    out.push({
      creditId: num(r.credit_id, 'credit_id'),
      station: name,
      listens: streamed,
      examples: titles.flatMap((t) => {
        const p = parseStreamTitle(t);
        return p ? [{ title: t, artist: p.artist, track: p.title }] : [];
      }),
    });
  }
  return out.sort((a, b) => b.listens - a.listens || a.creditId - b.creditId);
}

/** Catalogue rows no listen refers to, by table. */
export interface OrphanCounts {
  artists: number;
  artist_credits: number;
  recordings: number;
  releases: number;
  catalog_matches: number;
}

/** The SELECT of orphan rows of each catalogue table (their ids; catalog_matches by tuple). */
export const ORPHAN_QUERIES: Readonly<Record<Exclude<keyof OrphanCounts, 'catalog_matches'>, string>> = {
  recordings: `SELECT r.id FROM recordings r
    WHERE NOT EXISTS (SELECT 1 FROM listens l WHERE l.recording_id = r.id)
      AND NOT EXISTS (SELECT 1 FROM listen_sources s WHERE s.recording_id = r.id)`,
  releases: `SELECT r.id FROM releases r WHERE NOT EXISTS (SELECT 1 FROM listens l WHERE l.release_id = r.id)`,
  artist_credits: `SELECT c.id FROM artist_credits c
    WHERE NOT EXISTS (SELECT 1 FROM listens l WHERE l.artist_credit_id = c.id)
      AND NOT EXISTS (SELECT 1 FROM recordings r JOIN listens l ON l.recording_id = r.id WHERE r.artist_credit_id = c.id)`,
  artists: `SELECT a.id FROM artists a
    WHERE NOT EXISTS (SELECT 1 FROM listens l WHERE l.artist_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM artist_credit_members m JOIN listens l ON l.artist_credit_id = m.credit_id WHERE m.artist_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM recordings r JOIN listens l ON l.recording_id = r.id WHERE r.artist_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM releases r JOIN listens l ON l.release_id = r.id WHERE r.artist_id = a.id)`,
};

/** catalog_matches rows of tuples no listen holds. */
export const ORPHAN_MATCHES = `FROM catalog_matches m WHERE NOT EXISTS (
  SELECT 1 FROM listens l WHERE l.artist_credit_id = m.credit_id AND l.recording_id = m.recording_id
    AND coalesce(l.release_id, 0) = m.release_id)`;

export async function countOrphans(db: Database): Promise<OrphanCounts> {
  const count = async (sql: string) => {
    const [row] = await db.all(`SELECT count(*) AS n FROM (${sql})`);
    return num(row?.n, 'n');
  };
  return {
    artists: await count(ORPHAN_QUERIES.artists),
    artist_credits: await count(ORPHAN_QUERIES.artist_credits),
    recordings: await count(ORPHAN_QUERIES.recordings),
    releases: await count(ORPHAN_QUERIES.releases),
    catalog_matches: await count(`SELECT 1 ${ORPHAN_MATCHES}`),
  };
}

/** Listens whose times cannot both be right. */
export interface ImpossibleTime {
  id: bigint;
  user: string;
  listenedAt: string;
  artist: string;
  track: string;
  reason: string;
}

/**
 * Overlapping plays: the next listen of the same user starts before this one's played time ended
 * (beyond both stamps' precision and 10 s of slack). Only the played time counts: a track's
 * length says nothing about a skip.
 */
export const OVERLAP_SQL = `WITH ordered AS (
    SELECT id, user_id, listened_at, played_ms, precision_s,
      lead(listened_at) OVER (PARTITION BY user_id ORDER BY listened_at, id) AS next_at,
      lead(precision_s) OVER (PARTITION BY user_id ORDER BY listened_at, id) AS next_precision
    FROM listens)
  SELECT id FROM ordered
  WHERE played_ms IS NOT NULL AND next_at IS NOT NULL
    AND epoch_ms(next_at) + (precision_s + next_precision + 10) * 1000 < epoch_ms(listened_at) + played_ms`;

/** Plays longer than three times their track. */
export const TOO_LONG_SQL = `SELECT l.id FROM listens l LEFT JOIN recordings r ON r.id = l.recording_id
  WHERE l.played_ms IS NOT NULL AND coalesce(l.duration_ms, r.length_ms) > 0
    AND l.played_ms > 3 * coalesce(l.duration_ms, r.length_ms)`;

export async function impossibleTimes(
  db: Database,
  which: 'overlap' | 'too-long',
  limit: number,
): Promise<{ count: number; examples: ImpossibleTime[] }> {
  const ids = which === 'overlap' ? OVERLAP_SQL : TOO_LONG_SQL;
  const [row] = await db.all(`SELECT count(*) AS n FROM (${ids})`);
  const rows = await db.all(
    `SELECT l.id, u.name AS user, strftime(l.listened_at, '%Y-%m-%dT%H:%M:%SZ') AS at, l.artist, l.track,
       l.played_ms, coalesce(l.duration_ms, r.length_ms) AS duration_ms
     FROM listens l JOIN users u ON u.id = l.user_id LEFT JOIN recordings r ON r.id = l.recording_id
     WHERE l.id IN (${ids}) ORDER BY l.listened_at, l.id LIMIT ${limit}`,
  );
  return {
    count: num(row?.n, 'n'),
    examples: rows.map((r) => ({
      id: big(r.id, 'id'),
      user: str(r.user, 'user'),
      listenedAt: str(r.at, 'at'),
      artist: str(r.artist, 'artist'),
      track: str(r.track, 'track'),
      reason:
        which === 'overlap'
          ? `played ${Math.round(num(r.played_ms, 'played_ms') / 1000)} s but the next listen starts sooner`
          : `played ${Math.round(num(r.played_ms, 'played_ms') / 1000)} s of a ${Math.round((numOrNull(r.duration_ms, 'duration_ms') ?? 0) / 1000)} s track`,
    })),
  };
}
