/**
 * Backups of the database file: a consistent snapshot taken through the connection that holds the
 * database (store.backups.snapshot), verified by opening it and counting, kept with the last N,
 * gzip-compressed once older than a number of days; and restore, which puts one back in place of
 * the database (keeping the current file aside) while no process holds it.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, copyFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { AppError } from '../domain/errors.js';
import { openStore, type SnapshotCounts, type Store } from '../store/index.js';

export interface BackupSettings {
  /** Folder of the backups (default: backups/ beside the database). */
  dir?: string | undefined;
  keep: number;
  compressDays: number;
}

export interface BackupFile {
  file: string;
  name: string;
  /** UTC ISO time it was taken. */
  takenAt: string;
  reason: string;
  bytes: number;
  compressed: boolean;
}

export interface BackupResult {
  backup: BackupFile;
  /** What the backup holds (it was opened and counted). */
  counts: SnapshotCounts;
  /** Backups removed (past `keep`) and compressed (past `compressDays`) after it. */
  removed: string[];
  compressed: string[];
  ms: number;
}

const NAME = /^listenhouse-(\d{8}T\d{6}(?:\d{3})?Z)-([a-z0-9-]+)\.duckdb(\.gz)?$/;

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('.', '');
}

function timeOf(stamped: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/.exec(stamped)!;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +(m[7] ?? 0));
}

/** The backup folder for a database file and settings. */
export function backupDirOf(dbPath: string, settings: Pick<BackupSettings, 'dir'>): string {
  return settings.dir ?? join(dirname(resolve(dbPath)), 'backups');
}

/** The backups in `dir`, newest first. */
export async function listBackups(dir: string): Promise<BackupFile[]> {
  if (!existsSync(dir)) return [];
  const out: BackupFile[] = [];
  for (const name of await readdir(dir)) {
    const m = NAME.exec(name);
    if (!m) continue;
    const file = join(dir, name);
    out.push({
      file,
      name,
      takenAt: new Date(timeOf(m[1]!)).toISOString(),
      reason: m[2]!,
      bytes: (await stat(file)).size,
      compressed: m[3] !== undefined,
    });
  }
  return out.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.name.localeCompare(a.name));
}

export class Backups {
  constructor(
    private readonly store: Store,
    private readonly settings: BackupSettings,
    private readonly now: () => number,
  ) {}

  get dir(): string {
    return backupDirOf(this.store.path, this.settings);
  }

  list(): Promise<BackupFile[]> {
    return listBackups(this.dir);
  }

  /** Takes, verifies and keeps a backup; then rotates and compresses the older ones. */
  async take(reason = 'manual'): Promise<BackupResult> {
    if (!/^[a-z0-9-]+$/.test(reason))
      throw new AppError('INVALID_INPUT', `A backup reason is lower-case words with -, not "${reason}".`);
    const started = performance.now();
    await mkdir(this.dir, { recursive: true });
    const name = `listenhouse-${stamp(this.now())}-${reason}.duckdb`;
    const file = join(this.dir, name);
    const partial = `${file}.partial`;
    try {
      await this.store.backups.snapshot(partial);
      const counts = await this.store.backups.verify(partial);
      await rename(partial, file);
      const { removed, compressed } = await this.rotate();
      const backup = (await this.list()).find((b) => b.name === name)!;
      return { backup, counts, removed, compressed, ms: Math.round(performance.now() - started) };
    } finally {
      await rm(partial, { force: true });
    }
  }

  /** Keeps the newest `keep` backups and compresses those older than `compressDays`. */
  private async rotate(): Promise<{ removed: string[]; compressed: string[] }> {
    const all = await this.list();
    const removed: string[] = [];
    for (const b of all.slice(this.settings.keep)) {
      await rm(b.file, { force: true });
      removed.push(b.name);
    }
    const compressed: string[] = [];
    const cutoff = this.now() - this.settings.compressDays * 86_400_000;
    for (const b of all.slice(0, this.settings.keep)) {
      if (b.compressed || Date.parse(b.takenAt) >= cutoff) continue;
      await pipeline(createReadStream(b.file), createGzip(), createWriteStream(`${b.file}.gz.partial`));
      await rename(`${b.file}.gz.partial`, `${b.file}.gz`);
      await rm(b.file, { force: true });
      compressed.push(`${b.name}.gz`);
    }
    return { removed, compressed };
  }
}

export interface RestoreResult {
  restored: string;
  database: string;
  /** Where the database that was there is kept (null: there was none). */
  keptAside: string | null;
  counts: SnapshotCounts;
}

/**
 * Puts backup `file` in place of the database at `dbPath`. The caller has checked that no process
 * holds it (opening it is the check). The current file (and its write-ahead log) is renamed to
 * `<db>.before-restore-<time>`; a .gz backup is decompressed.
 */
export async function restoreBackup(file: string, dbPath: string, now: number): Promise<RestoreResult> {
  if (!existsSync(file))
    throw new AppError('NOT_FOUND', `There is no backup ${file}: \`listenhouse backup --list\` shows them.`);
  const database = resolve(dbPath);
  await mkdir(dirname(database), { recursive: true });
  const incoming = `${database}.restoring`;
  if (file.endsWith('.gz'))
    await pipeline(createReadStream(file), createGunzip(), createWriteStream(incoming));
  else await copyFile(file, incoming);
  // The backup must open before the current file is moved.
  let counts: SnapshotCounts;
  try {
    const check = await openStore(':memory:');
    try {
      counts = await check.backups.verify(incoming);
    } finally {
      check.close();
    }
  } catch (err) {
    await rm(incoming, { force: true });
    throw err;
  }
  let keptAside: string | null = null;
  if (existsSync(database)) {
    keptAside = `${database}.before-restore-${stamp(now)}`;
    await rename(database, keptAside);
    if (existsSync(`${database}.wal`)) await rename(`${database}.wal`, `${keptAside}.wal`);
  }
  await rename(incoming, database);
  return { restored: basename(file), database, keptAside, counts };
}
