/**
 * `catalog import`: MusicBrainz JSON dumps into the catalogue tables, streaming, in batches of one
 * transaction each. A line that is not JSON, or names no entity, is reported with its number and
 * skipped; the rest imports. A truncated archive keeps what it held (whole batches) and says so.
 * Running it again — the same dump after a kill, or a newer one — replaces each entity in place.
 */
import { AppError } from '../domain/errors.js';
import type { MbEntity } from '../store/catalog-rows.js';
import { emptyCatalogueBatch } from '../store/catalog-rows.js';
import { finishCatalogImport, startCatalogImport } from '../store/catalog-import-repository.js';
import { hasEntities, writeCatalogueBatch } from '../store/catalog-writer.js';
import type { Database } from '../store/database.js';
import { addDumpEntity, type InstanceCounter } from './dump-entities.js';
import { openDump, TruncatedArchiveError, type DumpPart } from './dump-reader.js';

/** Lines per batch: large enough that the fixed cost of a transaction is small. */
export const DEFAULT_BATCH_LINES = 5_000;
/** Embedded entities remembered per file part (about 100 MB at most). */
const MAX_STUBS_SEEN = 1_000_000;
/** Bad lines listed in a report (all are counted). */
const MAX_LISTED = 20;

export interface BadLine {
  /** `file:line` (or `archive:member:line`). */
  at: string;
  line: number;
  reason: string;
}

export interface PartReport {
  name: string;
  entity: MbEntity;
  lines: number;
  /** Entities of the part's own kind stored. */
  imported: number;
  /** Entities stored from inside its lines, not yet known (a recording's artists …), by kind. */
  embedded: Record<MbEntity, number>;
  badLines: number;
  bad: BadLine[];
}

export interface FileReport {
  file: string;
  status: 'completed' | 'truncated' | 'failed';
  /** What went wrong, and what was kept; null when nothing did. */
  error: string | null;
  dumpTimestamp: string | null;
  parts: PartReport[];
  /** Archive members that are not kept (labels, works …). */
  skippedMembers: string[];
}

export interface CatalogImportReport {
  files: FileReport[];
  lines: number;
  imported: Record<MbEntity, number>;
  badLines: number;
  /** Every file read to its end. */
  complete: boolean;
}

export interface CatalogImportProgress {
  part: string;
  entity: MbEntity;
  lines: number;
  imported: number;
  bytesRead: number;
  totalBytes: number;
}

export interface CatalogImportOptions {
  paths: readonly string[];
  /** The entity every file holds, when neither its name nor its lines say. */
  entity?: MbEntity;
  batchLines?: number;
  now: () => number;
  onProgress?: (progress: CatalogImportProgress) => void;
  /** Checked between batches: an aborted import stops after the batch in hand. */
  signal?: AbortSignal;
}

const zero = (): Record<MbEntity, number> => ({ artist: 0, 'release-group': 0, release: 0, recording: 0 });

export async function importCatalogue(
  db: Database,
  options: CatalogImportOptions,
): Promise<CatalogImportReport> {
  const report: CatalogImportReport = { files: [], lines: 0, imported: zero(), badLines: 0, complete: true };
  for (const path of options.paths) {
    const file = await importFile(db, path, options);
    report.files.push(file);
    for (const part of file.parts) {
      report.lines += part.lines;
      report.badLines += part.badLines;
      report.imported[part.entity] += part.imported;
      for (const [entity, n] of Object.entries(part.embedded) as [MbEntity, number][])
        report.imported[entity] += n;
    }
    if (file.status !== 'completed') report.complete = false;
    if (options.signal?.aborted) break;
  }
  return report;
}

async function importFile(db: Database, path: string, options: CatalogImportOptions): Promise<FileReport> {
  const { parts, extras } = openDump(path, options.entity ? { entity: options.entity } : {});
  const file: FileReport = {
    file: path,
    status: 'completed',
    error: null,
    dumpTimestamp: null,
    parts: [],
    skippedMembers: extras.skipped,
  };
  const runs: number[] = [];
  try {
    for await (const part of parts) {
      const importId = await startCatalogImport(db, {
        file: part.name,
        entity: part.entity,
        startedAt: options.now(),
      });
      runs.push(importId);
      const partReport: PartReport = {
        name: part.name,
        entity: part.entity,
        lines: 0,
        imported: 0,
        embedded: zero(),
        badLines: 0,
        bad: [],
      };
      file.parts.push(partReport);
      await importPart(db, part, partReport, importId, options);
      if (options.signal?.aborted) break;
    }
  } catch (err) {
    if (err instanceof TruncatedArchiveError) {
      file.status = 'truncated';
      const kept = file.parts.map((p) => `${p.imported.toLocaleString('en-US')} ${p.entity}s`).join(', ');
      file.error =
        `${path} is incomplete: ${err.message}. ` +
        `Kept what it held${kept ? ` (${kept})` : ''}; download the file again and re-run the import to finish (nothing is stored twice).`;
    } else if (err instanceof AppError) {
      file.status = 'failed';
      file.error = err.message;
    } else {
      throw err;
    }
  }
  file.dumpTimestamp = extras.timestamp;
  for (const id of runs)
    await finishCatalogImport(db, id, {
      status: file.status,
      finishedAt: options.now(),
      dumpTimestamp: extras.timestamp,
    });
  return file;
}

async function importPart(
  db: Database,
  part: DumpPart,
  report: PartReport,
  importId: number,
  options: CatalogImportOptions,
): Promise<void> {
  const batchLines = options.batchLines ?? DEFAULT_BATCH_LINES;
  const replace = await hasEntities(db, part.entity);
  const counter: InstanceCounter = { next: 1, stubsSeen: new Set() };
  let batch = emptyCatalogueBatch();
  let inBatch = 0;

  const flush = async (): Promise<void> => {
    if (inBatch === 0) return;
    const written = await writeCatalogueBatch(db, batch, {
      importId,
      replace,
      progress: { lines: report.lines, imported: report.imported + inBatch, badLines: report.badLines },
    });
    // Own lines are all written (the last occurrence wins); the rest are entities met inside them.
    report.imported += inBatch;
    for (const [entity, n] of Object.entries(written) as [MbEntity, number][]) {
      const embedded = entity === part.entity ? n - inBatch : n;
      if (embedded > 0) report.embedded[entity] += embedded;
    }
    batch = emptyCatalogueBatch();
    counter.next = 1;
    // Bounded: past it, a stub may be staged again (and the merge skips it as stored).
    if (counter.stubsSeen && counter.stubsSeen.size > MAX_STUBS_SEEN) counter.stubsSeen.clear();
    inBatch = 0;
    options.onProgress?.({
      part: part.name,
      entity: part.entity,
      lines: report.lines,
      imported: report.imported,
      bytesRead: part.bytesRead(),
      totalBytes: part.totalBytes,
    });
  };

  for await (const { text, line } of part.lines) {
    report.lines++;
    if (text.trim() === '') continue;
    let value: unknown;
    let reason: string | null;
    try {
      value = JSON.parse(text);
      reason = addDumpEntity(batch, part.entity, value, counter);
    } catch (err) {
      reason = `not JSON (${(err as Error).message})`;
    }
    if (reason !== null) {
      report.badLines++;
      if (report.bad.length < MAX_LISTED) report.bad.push({ at: `${part.name}:${line}`, line, reason });
      continue;
    }
    inBatch++;
    if (inBatch >= batchLines) {
      await flush();
      if (options.signal?.aborted) return;
    }
  }
  await flush();
}
