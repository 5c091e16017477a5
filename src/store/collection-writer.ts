import type { CollectionItemDraft } from '../domain/listen.js';
import { connectionOf } from './connection.js';
import type { Database } from './database.js';

export interface CollectionRow {
  userId: number;
  item: CollectionItemDraft;
  /** nth copy of the same release in the same list (Discogs exports one row per copy). */
  instance: number;
  importRunId: number;
  raw: string;
}

/** Stores collection items once: (user, list, release, copy) is the identity, so re-imports add nothing. */
export async function writeCollectionItems(db: Database, rows: readonly CollectionRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  // The staging table is the write connection's: keep others off it until the insert is done.
  return db.exclusive(() => writeNow(db, rows));
}

async function writeNow(db: Database, rows: readonly CollectionRow[]): Promise<number> {
  await db.run(`CREATE TEMP TABLE IF NOT EXISTS stage_collection (
    id BIGINT, user_id INTEGER, list VARCHAR, discogs_release_id BIGINT, instance INTEGER, artist VARCHAR,
    title VARCHAR, label VARCHAR, catalog_number VARCHAR, format VARCHAR, rating SMALLINT, released_year SMALLINT,
    folder VARCHAR, added_at_ms BIGINT, media_condition VARCHAR, sleeve_condition VARCHAR, notes VARCHAR,
    import_run_id BIGINT, raw VARCHAR)`);
  await db.run('DELETE FROM stage_collection');
  const appender = await connectionOf(db).createAppender('stage_collection', 'main', 'temp');
  try {
    for (const r of rows) {
      const i = r.item;
      appender.appendBigInt(0n);
      appender.appendInteger(r.userId);
      appender.appendVarchar(i.list);
      appender.appendBigInt(BigInt(i.releaseId));
      appender.appendInteger(r.instance);
      appender.appendVarchar(i.artist);
      appender.appendVarchar(i.title);
      text(i.label);
      text(i.catalogNumber);
      text(i.format);
      small(i.rating);
      small(i.releasedYear);
      text(i.folder);
      if (i.addedAt === null || i.addedAt === undefined) appender.appendNull();
      else appender.appendBigInt(BigInt(i.addedAt));
      text(i.mediaCondition);
      text(i.sleeveCondition);
      text(i.notes);
      appender.appendBigInt(BigInt(r.importRunId));
      appender.appendVarchar(r.raw);
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
  const result = await connectionOf(db).run(`
    INSERT INTO collection_items (user_id, list, discogs_release_id, instance, artist, title, label, catalog_number,
      format, rating, released_year, folder, added_at, media_condition, sleeve_condition, notes, import_run_id, raw)
    SELECT user_id, list, discogs_release_id, instance, artist, title, label, catalog_number, format, rating,
      released_year, folder, make_timestamp(added_at_ms * 1000), media_condition, sleeve_condition, notes, import_run_id, raw
    FROM stage_collection
    ON CONFLICT DO NOTHING`);
  return Number(result.rowsChanged);

  function text(v: string | null | undefined): void {
    if (v === null || v === undefined) appender.appendNull();
    else appender.appendVarchar(v);
  }
  function small(v: number | null | undefined): void {
    if (v === null || v === undefined || !Number.isFinite(v)) appender.appendNull();
    else appender.appendSmallInt(Math.round(v));
  }
}
