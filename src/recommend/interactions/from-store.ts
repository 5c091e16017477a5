/**
 * Interactions from the store: every user's plays per recording, artist or release, read as whole
 * columns into typed arrays (Database.columns) and built into CSR in one pass. Users and items are
 * named by their ids in the store (as text, like any other data set).
 */
import { AppError } from '../../domain/errors.js';
import type { Database } from '../../store/index.js';
import { loadQuery } from '../sql.js';
import { Accumulator, type Dataset } from './dataset.js';
import type { ItemFeatures } from './read-file.js';

export const ENTITIES = ['recording', 'artist', 'release'] as const;
export type Entity = (typeof ENTITIES)[number];

export interface StoreInteractionOptions {
  entity: Entity;
  /** Listens at or after (epoch ms); 0 for all. */
  fromMs: number;
  /** Listens before (epoch ms). */
  toMs: number;
  /** Recency decay: a play `halfLifeDays` old counts half; 0 for plain counts. */
  halfLifeDays: number;
}

export interface StoreDataset extends Dataset {
  /** Listens behind the matrix (the sum of raw play counts). */
  readonly listens: number;
  /** The first and last listen seen (epoch ms), null when none. */
  readonly firstMs: number | null;
  readonly lastMs: number | null;
  /** Per stored cell (aligned like `times`), epoch seconds of its first play. */
  readonly firstTimes: Float64Array;
}

/** Every user's interactions with items of one kind, from the listens in [from, to). */
export async function readStoreInteractions(db: Database, o: StoreInteractionOptions): Promise<StoreDataset> {
  const cells = await db.columns(
    loadQuery('store-interactions'),
    {
      user_id: 'int32',
      item_id: 'int32',
      weight: 'float32',
      plays: 'int32',
      last_played: 'float64',
      first_played: 'float64',
    },
    { entity: o.entity, from_ms: o.fromMs, to_ms: o.toMs, half_life_days: o.halfLifeDays },
  );
  const acc = new Accumulator();
  const { user_id, item_id, weight, plays, last_played, first_played } = cells.columns;
  let listens = 0;
  let first = Infinity;
  let last = -Infinity;
  // Users and items in id order, so a data set's names do not depend on the order of the rows.
  const userIds = [...new Set(user_id)].sort((a, b) => a - b);
  const itemIds = [...new Set(item_id)].sort((a, b) => a - b);
  for (const u of userIds) acc.users.id(String(u));
  for (const i of itemIds) acc.items.id(String(i));
  const userIndex = new Map(userIds.map((u, n) => [u, n]));
  const itemIndex = new Map(itemIds.map((i, n) => [i, n]));
  for (let k = 0; k < cells.rowCount; k++) {
    acc.addIds(userIndex.get(user_id[k]!)!, itemIndex.get(item_id[k]!)!, weight[k]!, last_played[k]);
    listens += plays[k]!;
    first = Math.min(first, first_played[k]!);
    last = Math.max(last, last_played[k]!);
  }
  const dataset = acc.finish();
  // The first play of each cell, aligned with the built matrix (the query returns each cell once).
  const cols = dataset.matrix.cols;
  const firstOf = new Map<number, number>();
  for (let k = 0; k < cells.rowCount; k++)
    firstOf.set(userIndex.get(user_id[k]!)! * cols + itemIndex.get(item_id[k]!)!, first_played[k]!);
  const m = dataset.matrix;
  const firstTimes = new Float64Array(m.indptr[m.rows]!);
  for (let u = 0; u < m.rows; u++)
    for (let k = m.indptr[u]!; k < m.indptr[u + 1]!; k++)
      firstTimes[k] = firstOf.get(u * cols + m.indices[k]!)!;
  return {
    ...dataset,
    firstTimes,
    listens,
    firstMs: Number.isFinite(first) ? first * 1000 : null,
    lastMs: Number.isFinite(last) ? last * 1000 : null,
  };
}

/** Content features of every item of one kind: its primary artist and the artist's genres. */
export async function readStoreItemFeatures(db: Database, entity: Entity): Promise<ItemFeatures> {
  const rows = await db.columns(
    loadQuery('store-item-features'),
    { item: 'text', feature: 'text', weight: 'float32' },
    {
      entity,
    },
  );
  const features: ItemFeatures = new Map();
  const { item, feature, weight } = rows.columns;
  for (let k = 0; k < rows.rowCount; k++) {
    let map = features.get(item[k]!);
    if (!map) features.set(item[k]!, (map = new Map<string, number>()));
    map.set(feature[k]!, (map.get(feature[k]!) ?? 0) + weight[k]!);
  }
  return features;
}

/** What the page and the API show of items. */
export interface ItemInfo {
  id: number;
  name: string;
  /** The artist's name (recordings, releases); null for artists. */
  artist: string | null;
  mbid: string | null;
  artistId: number;
}

/** Names of items of one kind by id (ids with no row are left out). */
export async function readItemInfo(
  db: Database,
  entity: Entity,
  ids: readonly number[],
): Promise<Map<number, ItemInfo>> {
  const out = new Map<number, ItemInfo>();
  if (ids.length === 0) return out;
  const rows = await db.all<Record<string, unknown>>(loadQuery('store-item-names'), {
    entity,
    ids: ids.join(','),
  });
  for (const r of rows) {
    const id = Number(r.id);
    out.set(id, {
      id,
      name: String(r.name),
      artist: typeof r.artist === 'string' ? r.artist : null,
      mbid: typeof r.mbid === 'string' ? r.mbid : null,
      artistId: Number(r.artist_id),
    });
  }
  return out;
}

/** The items of one kind a user played at or after `sinceMs`. */
export async function readRecentItems(
  db: Database,
  q: { entity: Entity; userId: number; sinceMs: number },
): Promise<Set<number>> {
  const rows = await db.columns(
    loadQuery('store-recent-items'),
    { item_id: 'int32' },
    {
      entity: q.entity,
      user_id: q.userId,
      since_ms: q.sinceMs,
    },
  );
  return new Set(rows.columns.item_id);
}

export function isEntity(value: string): value is Entity {
  return (ENTITIES as readonly string[]).includes(value);
}

export function entityOf(value: string): Entity {
  if (!isEntity(value))
    throw new AppError('INVALID_INPUT', `The entity is one of ${ENTITIES.join(', ')}, not '${value}'.`);
  return value;
}
