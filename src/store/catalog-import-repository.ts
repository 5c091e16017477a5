/** The book-keeping of `catalog import`: one row per dump file read, and the catalogue's generation. */
import type { Database } from './database.js';
import { num, str, strOrNull, type Row } from './rows.js';

export type CatalogImportStatus = 'running' | 'completed' | 'truncated' | 'failed' | 'interrupted';

export interface CatalogImportSummary {
  id: number;
  file: string;
  entity: string;
  dumpTimestamp: string | null;
  status: CatalogImportStatus;
  startedAt: string;
  finishedAt: string | null;
  lines: number;
  imported: number;
  badLines: number;
}

export async function startCatalogImport(
  db: Database,
  run: { file: string; entity: string; startedAt: number },
): Promise<number> {
  const rows = await db.all<Row>(
    `INSERT INTO catalog_imports (file, entity, status, started_at)
     VALUES (?, ?, 'running', make_timestamp(?::BIGINT * 1000)) RETURNING id`,
    [run.file, run.entity, run.startedAt],
  );
  return num(rows[0]?.id, 'id');
}

/**
 * Ends an import; a completed or truncated one that stored anything bumps the catalogue's
 * generation (the matcher then retries the names it could not match), in the same transaction.
 */
export async function finishCatalogImport(
  db: Database,
  id: number,
  outcome: {
    status: Exclude<CatalogImportStatus, 'running'>;
    finishedAt: number;
    dumpTimestamp: string | null;
  },
): Promise<void> {
  await db.transaction(async () => {
    await db.run(
      `UPDATE catalog_imports SET status = ?, finished_at = make_timestamp(?::BIGINT * 1000), dump_timestamp = ?
       WHERE id = ?`,
      [outcome.status, outcome.finishedAt, outcome.dumpTimestamp, id],
    );
    const changed = await db.all<Row>('SELECT imported > 0 AS changed FROM catalog_imports WHERE id = ?', [
      id,
    ]);
    if (changed[0]?.changed !== true) return;
    await db.run(`UPDATE catalog_state SET value = value + 1 WHERE name = 'generation'`);
    await db.run('DELETE FROM mb_artist_weights');
    await db.run(
      `INSERT INTO mb_artist_weights
       SELECT artist_mbid, count(DISTINCT recording_mbid) FROM mb_recording_keys WHERE position = 0 GROUP BY 1`,
    );
  });
}

/** Imports left 'running' by a killed process: their batches are stored, the rest is not. */
export async function markInterruptedCatalogImports(db: Database): Promise<number> {
  const rows = await db.all<Row>(
    `UPDATE catalog_imports SET status = 'interrupted' WHERE status = 'running' RETURNING id`,
  );
  if (rows.length > 0) await db.run(`UPDATE catalog_state SET value = value + 1 WHERE name = 'generation'`);
  return rows.length;
}

export async function listCatalogImports(db: Database, limit = 20): Promise<CatalogImportSummary[]> {
  const rows = await db.all<Row>(
    `SELECT id, file, entity, dump_timestamp, status, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at,
       strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished_at, lines, imported, bad_lines
     FROM catalog_imports ORDER BY id DESC LIMIT ?`,
    [limit],
  );
  return rows.map((r) => ({
    id: num(r.id, 'id'),
    file: str(r.file, 'file'),
    entity: str(r.entity, 'entity'),
    dumpTimestamp: strOrNull(r.dump_timestamp, 'dump_timestamp'),
    status: str(r.status, 'status') as CatalogImportStatus,
    startedAt: str(r.started_at, 'started_at'),
    finishedAt: strOrNull(r.finished_at, 'finished_at'),
    lines: num(r.lines, 'lines'),
    imported: num(r.imported, 'imported'),
    badLines: num(r.bad_lines, 'bad_lines'),
  }));
}

/** Bumped by every import that stored something: matches made against an older one may improve. */
export async function catalogueGeneration(db: Database): Promise<number> {
  const rows = await db.all<Row>(`SELECT value FROM catalog_state WHERE name = 'generation'`);
  return num(rows[0]?.value ?? 0, 'value');
}

export interface CatalogueCounts {
  artists: number;
  releaseGroups: number;
  releases: number;
  recordings: number;
  aliases: number;
  isrcs: number;
  tags: number;
  generation: number;
}

export async function countCatalogue(db: Database): Promise<CatalogueCounts> {
  const rows = await db.all<Row>(
    `SELECT (SELECT count(*) FROM mb_artists) AS artists, (SELECT count(*) FROM mb_release_groups) AS release_groups,
       (SELECT count(*) FROM mb_releases) AS releases, (SELECT count(*) FROM mb_recordings) AS recordings,
       (SELECT count(*) FROM mb_aliases) AS aliases, (SELECT count(*) FROM mb_isrcs) AS isrcs,
       (SELECT count(*) FROM mb_tags) AS tags,
       (SELECT value FROM catalog_state WHERE name = 'generation') AS generation`,
  );
  const r = rows[0] ?? {};
  return {
    artists: num(r.artists, 'artists'),
    releaseGroups: num(r.release_groups, 'release_groups'),
    releases: num(r.releases, 'releases'),
    recordings: num(r.recordings, 'recordings'),
    aliases: num(r.aliases, 'aliases'),
    isrcs: num(r.isrcs, 'isrcs'),
    tags: num(r.tags, 'tags'),
    generation: num(r.generation, 'generation'),
  };
}
