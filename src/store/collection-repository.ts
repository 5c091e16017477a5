import { SOUNDTRACK_TITLE_PATTERN } from '../domain/soundtracks.js';
import { discogsReleaseKey } from '../domain/normalise.js';
import { num, numOrNull, type Row, str, strOrNull, textList } from './rows.js';
import type { Database } from './database.js';
import { loadSql } from './sql-files.js';

const PAGE = loadSql(import.meta.url, 'sql/collection-page.sql');
const LISTENS = loadSql(import.meta.url, 'sql/collection-listens.sql');
const COUNT = `SELECT count(*) AS n FROM collection_items WHERE user_id = $user`;

/** One stored Discogs item (collection or wantlist) as the CLI and the API show it. */
export interface CollectionItem {
  id: number;
  list: 'collection' | 'wantlist';
  discogsReleaseId: number;
  artist: string;
  title: string;
  label: string | null;
  catalogNumber: string | null;
  format: string | null;
  rating: number | null;
  releasedYear: number | null;
  folder: string | null;
  /** When it was added on Discogs, ISO-8601 (Discogs' own clock; see sources.md). */
  addedAt: string | null;
  mediaCondition: string | null;
  sleeveCondition: string | null;
  notes: string | null;
  /**
   * The user's listens of this release: matched on the normalised artist and title (the store's
   * release key, Discogs' "(2)" and "*" marks left out), so any edition or source counts.
   */
  listens: number;
  /** The latest of them, ISO-8601 UTC; null when never listened to. */
  lastListenedAt: string | null;
}

export interface CollectionFilter {
  userId: number;
  list?: 'collection' | 'wantlist';
  /** Text anywhere in artist, title, label or catalogue number, case ignored. */
  search?: string;
  /** One format description: LP, CD, Album, Vinyl… ("2xLP" counts as LP). */
  format?: string;
  yearFrom?: number;
  yearTo?: number;
  /** Lowest rating shown (1-5); unrated items are left out when given. */
  minRating?: number;
  /** Only soundtracks (film, TV, game music: the title rule of domain/soundtracks.ts, or a folder named so). */
  soundtracks?: boolean;
}

export interface CollectionPage {
  items: CollectionItem[];
  /** Matches in all pages. */
  total: number;
  /** Pass as `offset` for the next page; null on the last page. */
  next: number | null;
}

export async function listCollectionItems(
  db: Database,
  filter: CollectionFilter,
  page: { limit: number; offset: number },
): Promise<CollectionPage> {
  const rows = await db.all<Record<string, unknown>>(PAGE, {
    user: filter.userId,
    list: filter.list ?? null,
    search: filter.search === undefined ? null : filter.search.replace(/[\\%_]/g, (c) => `\\${c}`),
    format: filter.format ?? null,
    year_from: filter.yearFrom ?? null,
    year_to: filter.yearTo ?? null,
    min_rating: filter.minRating ?? null,
    soundtracks: filter.soundtracks === true ? SOUNDTRACK_TITLE_PATTERN : null,
    limit: page.limit,
    offset: page.offset,
  });
  let total = Number(rows[0]?.total ?? 0);
  // Past the last page there are no rows to carry the total: count it on its own.
  if (rows.length === 0 && page.offset > 0) total = await countMatching(db, filter, page);
  const end = page.offset + rows.length;
  const items = await withListens(db, filter.userId, rows.map(toItem));
  return { items, total, next: end < total && rows.length > 0 ? end : null };
}

type StoredItem = Omit<CollectionItem, 'listens' | 'lastListenedAt'>;

/** The page's items with how often the user listened to each (one query for the page). */
async function withListens(db: Database, userId: number, items: StoredItem[]): Promise<CollectionItem[]> {
  const keys = items.map((i) => discogsReleaseKey(i.artist, i.title));
  const wanted = [...new Set(keys.filter((k): k is string => k !== null))];
  const played = new Map<string, { listens: number; last: string | null }>();
  if (wanted.length > 0) {
    const rows = await db.all<Row>(LISTENS, { user: userId, keys: textList(wanted) });
    for (const r of rows)
      played.set(str(r.key, 'key'), {
        listens: num(r.listens, 'listens'),
        last: strOrNull(r.last_listened_at, 'last_listened_at'),
      });
  }
  return items.map((item, i) => {
    const p = played.get(keys[i] ?? '');
    return { ...item, listens: p?.listens ?? 0, lastListenedAt: p?.last ?? null };
  });
}

/** How many items the user has stored in all (for "nothing matches" versus "nothing imported"). */
export async function countCollectionItems(db: Database, userId: number): Promise<number> {
  const rows = await db.all<Row>(COUNT, { user: userId });
  return num(rows[0]?.n ?? 0, 'n');
}

async function countMatching(
  db: Database,
  filter: CollectionFilter,
  page: { limit: number },
): Promise<number> {
  const first = await listCollectionItems(db, filter, { limit: Math.min(page.limit, 1), offset: 0 });
  return first.total;
}

function toItem(r: Record<string, unknown>): StoredItem {
  return {
    id: Number(r.id),
    list: r.list === 'wantlist' ? 'wantlist' : 'collection',
    discogsReleaseId: Number(r.discogs_release_id),
    artist: String(r.artist),
    title: String(r.title),
    label: strOrNull(r.label, 'label'),
    catalogNumber: strOrNull(r.catalog_number, 'catalog_number'),
    format: strOrNull(r.format, 'format'),
    rating: numOrNull(r.rating, 'rating'),
    releasedYear: numOrNull(r.released_year, 'released_year'),
    folder: strOrNull(r.folder, 'folder'),
    addedAt: strOrNull(r.added_at, 'added_at'),
    mediaCondition: strOrNull(r.media_condition, 'media_condition'),
    sleeveCondition: strOrNull(r.sleeve_condition, 'sleeve_condition'),
    notes: strOrNull(r.notes, 'notes'),
  };
}
