/**
 * The lake: the store's tables as Parquet files in a Hive layout (`DIR/<table>/year=YYYY/month=MM/
 * part-*.parquet`), written by DuckDB's COPY … (FORMAT parquet), which Spark, Trino and DuckDB read as
 * they are (docs/lake.md). A sync is incremental: rows added since the last one go to new files in
 * their partitions, and only a partition whose earlier rows changed (a deletion, a correction) is
 * written again whole. Files are written in a staging folder and renamed into place, and each
 * table's `_manifest.json` (written beside, then renamed) lists the complete files: a reader never
 * sees half a file.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Database } from '../store/database.js';

interface LakeTable {
  name: string;
  layer: 'bronze' | 'silver' | 'gold';
  /** The rows with an increasing `id`, and `year` (number) and `month` ('01'…'12') to partition by. */
  select: string;
}

export const LAKE_TABLES: readonly LakeTable[] = [
  {
    name: 'events',
    layer: 'bronze',
    select: `SELECT id, topic, "partition", "offset", received_at, event_id, event_type, user_name, listened_at,
        artist_name, track_name, platform, device, country, genre, reject_reason, raw,
        year(coalesce(listened_at, received_at)) AS year,
        lpad(month(coalesce(listened_at, received_at))::VARCHAR, 2, '0') AS month
      FROM stream_events`,
  },
  {
    name: 'listens',
    layer: 'silver',
    select: `SELECT l.id, u.name AS user_name, l.listened_at, l.duration_ms, l.played_ms, l.artist, l.track, l.release,
        l.artist_credit_id, l.artist_id, l.recording_id, l.release_id, l.artist_mbids, l.recording_mbid,
        l.release_mbid, l.release_group_mbid, l.isrc, l.spotify_uri, l.source, l.format, l.client, l.platform,
        l.country, year(l.listened_at) AS year, lpad(month(l.listened_at)::VARCHAR, 2, '0') AS month
      FROM listens l JOIN users u ON u.id = l.user_id`,
  },
  ...(
    [
      ['metric_top_artists', 'artist'],
      ['metric_top_tracks', 'artist, track'],
      ['metric_genre_hours', 'hour, genre'],
      ['metric_breakdowns', 'dimension, value'],
      ['metric_track_actions', 'artist, track'],
    ] as const
  ).map(([name, key]): LakeTable => ({
    name,
    layer: 'gold',
    // Metrics have no ids of their own: their order gives one, so a day computed again changes
    // the fingerprints of its partition (and of later ones, written again too).
    select: `SELECT row_number() OVER (ORDER BY day, ${key}) AS id, *, year(day) AS year,
          lpad(month(day)::VARCHAR, 2, '0') AS month FROM ${name}`,
  })),
];

interface PartitionEntry {
  rows: number;
  /** bit_xor of the rows' hashes: changes when any earlier row is deleted or changed. */
  fingerprint: string;
  files: string[];
}

export interface Manifest {
  table: string;
  layer: LakeTable['layer'];
  format: 'parquet';
  /** Rows with an id up to this one are in the files. */
  maxId: number;
  syncedAt: string;
  partitions: Record<string, PartitionEntry>;
}

export interface TableSync {
  table: string;
  layer: LakeTable['layer'];
  rowsWritten: number;
  filesWritten: number;
  partitionsRewritten: string[];
  rows: number;
  seconds: number;
}

const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function readManifest(dir: string, table: string): Promise<Manifest | null> {
  const path = join(dir, table, '_manifest.json');
  if (!existsSync(path)) return null;
  return JSON.parse(await readFile(path, 'utf8')) as Manifest;
}

async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const path = join(dir, manifest.table, '_manifest.json');
  await writeFile(`${path}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
  await rename(`${path}.tmp`, path);
}

async function fingerprints(
  db: Database,
  table: LakeTable,
  maxId: number,
): Promise<Map<string, { rows: number; fingerprint: string }>> {
  const rows = await db.all<{ p: string; n: bigint; f: bigint | null }>(
    `SELECT 'year=' || t.year || '/month=' || t.month AS p, count(*) AS n, bit_xor(hash(t)) AS f
     FROM (${table.select}) t WHERE t.id <= ? GROUP BY 1`,
    [maxId],
  );
  return new Map(rows.map((r) => [r.p, { rows: Number(r.n), fingerprint: String(r.f ?? 0) }]));
}

/** Files of a staging folder written with PARTITION_BY, by partition. */
async function stagedFiles(staging: string): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (!existsSync(staging)) return found;
  for (const year of await readdir(staging)) {
    for (const month of await readdir(join(staging, year))) {
      const files = (await readdir(join(staging, year, month))).filter((f) => f.endsWith('.parquet'));
      found.set(
        `${year}/${month}`,
        files.map((f) => join(staging, year, month, f)),
      );
    }
  }
  return found;
}

async function copyPartitioned(
  db: Database,
  select: string,
  staging: string,
  params: (number | string)[],
): Promise<void> {
  await db.run(
    `COPY (${select}) TO ${sqlText(staging)} (FORMAT parquet, PARTITION_BY (year, month), FILENAME_PATTERN 'part-{i}', OVERWRITE_OR_IGNORE)`,
    params,
  );
}

/** Brings one table of the lake up to date with the store. */
export async function syncTable(db: Database, lake: string, table: LakeTable): Promise<TableSync> {
  const started = performance.now();
  const dir = resolve(lake);
  await mkdir(join(dir, table.name), { recursive: true });
  const before = await readManifest(dir, table.name);
  const [{ m } = { m: null }] = await db.all<{ m: bigint | null }>(
    `SELECT max(id) AS m FROM (${table.select}) t`,
  );
  const maxId = Number(m ?? 0);
  const lastId = before?.maxId ?? 0;
  // Partitions whose earlier rows are no longer what was written: written again whole.
  const now = await fingerprints(db, table, lastId);
  const rewrite = Object.entries(before?.partitions ?? {})
    .filter(([p, e]) => now.get(p)?.fingerprint !== e.fingerprint || now.get(p)?.rows !== e.rows)
    .map(([p]) => p);
  const sync = randomUUID().slice(0, 8);
  const staging = join(dir, '_staging', `${table.name}-${sync}`);
  await mkdir(staging, { recursive: true });
  const keyOf = `'year=' || t.year || '/month=' || t.month`;
  if (maxId > lastId)
    await copyPartitioned(
      db,
      `SELECT * FROM (${table.select}) t WHERE t.id > ? AND t.id <= ?` +
        (rewrite.length > 0 ? ` AND ${keyOf} NOT IN (${rewrite.map(sqlText).join(', ')})` : ''),
      join(staging, 'new'),
      [lastId, maxId],
    );
  if (rewrite.length > 0)
    await copyPartitioned(
      db,
      `SELECT * FROM (${table.select}) t WHERE t.id <= ? AND ${keyOf} IN (${rewrite.map(sqlText).join(', ')})`,
      join(staging, 'rewrite'),
      [maxId],
    );
  const partitions: Record<string, PartitionEntry> = {};
  for (const [p, e] of Object.entries(before?.partitions ?? {}))
    if (!rewrite.includes(p)) partitions[p] = { ...e, files: [...e.files] };
  let filesWritten = 0;
  let k = 0;
  for (const part of ['new', 'rewrite'] as const) {
    for (const [p, files] of await stagedFiles(join(staging, part))) {
      await mkdir(join(dir, table.name, p), { recursive: true });
      const entry = (partitions[p] ??= { rows: 0, fingerprint: '0', files: [] });
      for (const file of files) {
        const name = `part-${sync}-${k++}.parquet`;
        // A rename within one file system is atomic: a reader sees the whole file or none.
        await rename(file, join(dir, table.name, p, name));
        entry.files.push(name);
        filesWritten++;
      }
    }
  }
  const after = await fingerprints(db, table, maxId);
  for (const p of Object.keys(partitions)) {
    const f = after.get(p);
    if (!f) delete partitions[p];
    else Object.assign(partitions[p]!, f);
  }
  const manifest: Manifest = {
    table: table.name,
    layer: table.layer,
    format: 'parquet',
    maxId,
    syncedAt: new Date().toISOString(),
    partitions,
  };
  await writeManifest(dir, manifest);
  // The files the manifest no longer lists go once it is in place, and a partition left empty with them.
  for (const p of rewrite) {
    const keep = new Set(partitions[p]?.files ?? []);
    for (const file of before?.partitions[p]?.files ?? [])
      if (!keep.has(file)) await rm(join(dir, table.name, p, file), { force: true });
    if (!partitions[p]) await removeIfEmpty(join(dir, table.name, p), join(dir, table.name));
  }
  await rm(staging, { recursive: true, force: true });
  return {
    table: table.name,
    layer: table.layer,
    rowsWritten:
      maxId > lastId || rewrite.length > 0 ? await countWritten(db, table, lastId, maxId, rewrite) : 0,
    filesWritten,
    partitionsRewritten: rewrite,
    rows: Object.values(partitions).reduce((n, e) => n + e.rows, 0),
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

async function countWritten(
  db: Database,
  table: LakeTable,
  lastId: number,
  maxId: number,
  rewrite: string[],
): Promise<number> {
  const [row] = await db.all<{ n: bigint }>(
    `SELECT count(*) AS n FROM (${table.select}) t WHERE t.id <= ? AND (t.id > ?` +
      (rewrite.length > 0
        ? ` OR 'year=' || t.year || '/month=' || t.month IN (${rewrite.map(sqlText).join(', ')})`
        : '') +
      ')',
    [maxId, lastId],
  );
  return Number(row?.n ?? 0);
}

/** Removes `folder` and then its parents up to (not including) `top`, while they are empty. */
async function removeIfEmpty(folder: string, top: string): Promise<void> {
  for (let at = folder; at.startsWith(top) && at !== top; at = dirname(at)) {
    if (!existsSync(at) || (await readdir(at)).length > 0) return;
    await rm(at, { recursive: true, force: true });
  }
}

/** Syncs every table of the lake. */
export async function syncLake(db: Database, lake: string): Promise<TableSync[]> {
  const done: TableSync[] = [];
  for (const table of LAKE_TABLES) done.push(await syncTable(db, lake, table));
  return done;
}

export interface TableCompaction {
  table: string;
  partitionsCompacted: number;
  filesBefore: number;
  filesAfter: number;
}

/** Rewrites each partition holding more than one file as one file (same rows), manifest first. */
export async function compactLake(db: Database, lake: string): Promise<TableCompaction[]> {
  const dir = resolve(lake);
  const out: TableCompaction[] = [];
  for (const table of LAKE_TABLES) {
    const manifest = await readManifest(dir, table.name);
    if (!manifest) continue;
    let compacted = 0;
    let filesBefore = 0;
    const old: string[] = [];
    for (const [p, entry] of Object.entries(manifest.partitions)) {
      filesBefore += entry.files.length;
      if (entry.files.length <= 1) continue;
      const name = `part-c${randomUUID().slice(0, 8)}.parquet`;
      const tmp = join(dir, '_staging', `${table.name}-${name}`);
      await mkdir(join(dir, '_staging'), { recursive: true });
      const files = entry.files.map((f) => sqlText(join(dir, table.name, p, f))).join(', ');
      await db.run(
        `COPY (SELECT * FROM read_parquet([${files}]) ORDER BY id) TO ${sqlText(tmp)} (FORMAT parquet)`,
      );
      await rename(tmp, join(dir, table.name, p, name));
      old.push(...entry.files.map((f) => join(dir, table.name, p, f)));
      entry.files = [name];
      compacted++;
    }
    await writeManifest(dir, manifest);
    for (const file of old) await rm(file, { force: true });
    out.push({
      table: table.name,
      partitionsCompacted: compacted,
      filesBefore,
      filesAfter: Object.values(manifest.partitions).reduce((n, e) => n + e.files.length, 0),
    });
  }
  return out;
}
