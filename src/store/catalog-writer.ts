/**
 * Stores batches of MusicBrainz dump lines: appended to staging tables with DuckDB's Appender, then
 * merged in one transaction per batch (choose the occurrence to keep, replace what the line
 * replaces, insert). A kill leaves whole batches; importing the same dump again replaces each
 * entity by itself, so nothing is stored twice and a newer dump updates in place.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { CatalogueBatch, MbEntity } from './catalog-rows.js';
import { connectionOf } from './connection.js';
import type { Database } from './database.js';
import { loadSql } from './sql-files.js';

const STAGE = loadSql(import.meta.url, 'sql/catalog/stage-tables.sql');
const CHOOSE = splitStatements(loadSql(import.meta.url, 'sql/catalog/choose-occurrences.sql'));
const INSERT = splitStatements(loadSql(import.meta.url, 'sql/catalog/insert-entities.sql'));
const REPLACE = splitStatements(loadSql(import.meta.url, 'sql/catalog/replace-entities.sql'));

type Cell = string | number | boolean | null;
type Column = 'bigint' | 'text' | 'int' | 'small' | 'bool';

interface StageSpec<R> {
  table: string;
  columns: readonly Column[];
  rows: (batch: CatalogueBatch) => readonly R[];
  values: (row: R) => readonly Cell[];
}

function spec<R>(s: StageSpec<R>): StageSpec<unknown> {
  return s as StageSpec<unknown>;
}

const TEXT4 = ['text', 'text', 'text', 'text'] as const;

/** The staging tables in the order of their columns (stage-tables.sql). */
const STAGES: readonly StageSpec<unknown>[] = [
  spec({
    table: 'stage_mb_artists',
    columns: ['bigint', 'text', 'bool', ...TEXT4, ...TEXT4],
    rows: (b) => b.artists,
    values: (r) => [
      r.inst,
      r.mbid,
      r.stub,
      r.name,
      r.sortName,
      r.disambiguation,
      r.type,
      r.gender,
      r.country,
      r.beginDate,
      r.endDate,
    ],
  }),
  spec({
    table: 'stage_mb_release_groups',
    columns: ['bigint', 'text', 'bool', 'text', 'text', 'text', 'text', 'text', 'text'],
    rows: (b) => b.releaseGroups,
    values: (r) => [
      r.inst,
      r.mbid,
      r.stub,
      r.title,
      r.primaryType,
      r.secondaryTypes.join('\u001f'),
      r.firstReleaseDate,
      r.disambiguation,
      r.credit,
    ],
  }),
  spec({
    table: 'stage_mb_releases',
    columns: ['bigint', 'text', 'bool', ...TEXT4, 'text', 'text', 'bool', 'text', 'text'],
    rows: (b) => b.releases,
    values: (r) => [
      r.inst,
      r.mbid,
      r.stub,
      r.title,
      r.releaseGroupMbid,
      r.status,
      r.date,
      r.country,
      r.barcode,
      r.hasFrontArt,
      r.disambiguation,
      r.credit,
    ],
  }),
  spec({
    table: 'stage_mb_recordings',
    columns: ['bigint', 'text', 'bool', 'text', 'int', 'bool', 'text', 'text', 'text'],
    rows: (b) => b.recordings,
    values: (r) => [
      r.inst,
      r.mbid,
      r.stub,
      r.title,
      r.lengthMs,
      r.video,
      r.disambiguation,
      r.firstReleaseDate,
      r.credit,
    ],
  }),
  spec({
    table: 'stage_mb_aliases',
    columns: ['bigint', 'text', 'text', ...TEXT4, 'bool'],
    rows: (b) => b.aliases,
    values: (r) => [r.inst, r.entity, r.mbid, r.name, r.sortName, r.locale, r.type, r.isPrimary],
  }),
  spec({
    table: 'stage_mb_credits',
    columns: ['bigint', 'text', 'text', 'small', 'text', 'text', 'text'],
    rows: (b) => b.credits,
    values: (r) => [r.inst, r.entity, r.mbid, r.position, r.artistMbid, r.creditedName, r.joinPhrase],
  }),
  spec({
    table: 'stage_mb_tags',
    columns: ['bigint', 'text', 'text', 'text', 'int', 'bool'],
    rows: (b) => b.tags,
    values: (r) => [r.inst, r.entity, r.mbid, r.name, r.count, r.isGenre],
  }),
  spec({
    table: 'stage_mb_isrcs',
    columns: ['bigint', 'text', 'text', 'text'],
    rows: (b) => b.isrcs,
    values: (r) => [r.inst, r.entity, r.mbid, r.isrc],
  }),
  spec({
    table: 'stage_mb_release_tracks',
    columns: ['bigint', 'text', 'text', 'small', 'int', 'text', 'text', 'int'],
    rows: (b) => b.tracks,
    values: (r) => [r.inst, r.entity, r.mbid, r.medium, r.position, r.recordingMbid, r.title, r.lengthMs],
  }),
  spec({
    table: 'stage_mb_keys',
    columns: ['bigint', 'text', 'text', 'text', 'text', 'text'],
    rows: (b) => b.keys,
    values: (r) => [r.inst, r.entity, r.mbid, r.kind, r.key, r.loose],
  }),
  spec({
    table: 'stage_mb_recording_keys',
    columns: ['bigint', 'text', 'text', 'text', 'small', 'text', 'text'],
    rows: (b) => b.recordingKeys,
    values: (r) => [r.inst, r.entity, r.mbid, r.artistMbid, r.position, r.key, r.loose],
  }),
];

const PARENT_TABLE: Record<MbEntity, string> = {
  artist: 'mb_artists',
  'release-group': 'mb_release_groups',
  release: 'mb_releases',
  recording: 'mb_recordings',
};

/**
 * Whether any entity of this kind is stored. When none is, the lines of a dump of that kind have
 * nothing to replace (a dump names each entity once), and their batches skip the deletes.
 */
export async function hasEntities(db: Database, entity: MbEntity): Promise<boolean> {
  const rows = await db.all<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${PARENT_TABLE[entity]}) AS found`,
  );
  return rows[0]?.found === true;
}

export interface CatalogueWrite {
  importId: number;
  /**
   * Whether the batch's own lines may replace stored entities (hasEntities at the start of the
   * part); false skips the deletes. Embedded stubs never replace anything.
   */
  replace: boolean;
  /** The import's counts after this batch, recorded in the same transaction. */
  progress: { lines: number; imported: number; badLines: number };
}

/** Stores one batch; returns how many entities of each kind it wrote (stubs included). */
export async function writeCatalogueBatch(
  db: Database,
  batch: CatalogueBatch,
  write: CatalogueWrite,
): Promise<Record<MbEntity, number>> {
  return db.exclusive(async () => {
    await db.run(STAGE);
    return db.transaction(async () => {
      const connection = connectionOf(db);
      for (const stage of STAGES) {
        const rows = stage.rows(batch);
        if (rows.length === 0) continue;
        const appender = await connection.createAppender(stage.table, 'main', 'temp');
        try {
          for (const row of rows) {
            const values = stage.values(row);
            stage.columns.forEach((type, i) => append(appender, type, values[i] ?? null));
            appender.endRow();
          }
        } finally {
          appender.closeSync();
        }
      }
      for (const sql of CHOOSE) await connection.run(sql);
      if (write.replace) for (const sql of REPLACE) await connection.run(sql);
      for (const sql of INSERT)
        await connection.run(sql, sql.includes('$import_id') ? { import_id: write.importId } : undefined);
      const counts = await db.all<{ entity: MbEntity; n: bigint }>(
        'SELECT entity, count(*) AS n FROM stage_mb_chosen GROUP BY entity',
      );
      for (const stage of STAGES) await connection.run(`DELETE FROM ${stage.table}`);
      await connection.run('DELETE FROM stage_mb_chosen');
      await connection.run(
        'UPDATE catalog_imports SET lines = $lines, imported = $imported, bad_lines = $bad WHERE id = $id',
        {
          lines: write.progress.lines,
          imported: write.progress.imported,
          bad: write.progress.badLines,
          id: write.importId,
        },
      );
      const written: Record<MbEntity, number> = { artist: 0, 'release-group': 0, release: 0, recording: 0 };
      for (const c of counts) written[c.entity] = Number(c.n);
      return written;
    });
  });
}

function append(appender: DuckDBAppender, type: Column, value: Cell): void {
  if (value === null) return appender.appendNull();
  switch (type) {
    case 'bigint':
      return appender.appendBigInt(BigInt(Number(value)));
    case 'int':
      return appender.appendInteger(value as number);
    case 'small':
      return appender.appendSmallInt(Math.max(-32768, Math.min(32767, value as number)));
    case 'bool':
      return appender.appendBoolean(value as boolean);
    case 'text':
      return appender.appendVarchar(String(value));
  }
}

function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.replace(/^--.*$/gm, '').trim() !== '');
}
