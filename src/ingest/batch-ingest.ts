import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import type { ParsedRecord } from '../domain/listen.js';
import type { NormalisedNames } from '../domain/normalise.js';
import { writeCollectionItems, type CollectionRow } from '../store/collection-writer.js';
import type { Database } from '../store/database.js';
import { recordRunProgress, type RunCounts } from '../store/import-run-repository.js';
import { BulkStage } from '../store/bulk-stage.js';
import type { BatchOutcome, BulkChunk, ListenRow, ListenWriter, RejectRow } from '../store/listen-writer.js';
import type { User } from '../store/user-repository.js';
import type { ColumnMapping, EncodingDetected, Entry, ParseOptions, SourceFormat } from '../sources/types.js';
import { BatchUsers, type ResolvedUsers } from './batch-users.js';
import {
  bulkPart,
  bulkReadingOf,
  deflateBlocks,
  writePart,
  scanForBulk,
  TupleBook,
  type BulkScan,
} from './bulk-entry.js';
import { storedPathOf } from './entry-groups.js';
import type { FileReportBuilder } from './import-report.js';
import { toListenRow } from './listen-row.js';
import { validateListen } from './validate.js';

/** Terminal progress (or nothing): the import service reports bytes read and counts. */
export interface ProgressSink {
  start(label: string, totalBytes: number): void;
  update(bytesRead: number, counts: RunCounts): void;
  stop(): void;
}

export const DEFAULT_BATCH = 25_000;
/** Lines of a bulk-read file written per transaction. */
/**
 * Lines of a bulk-read file per part (and transaction): over a DuckDB row group (122,880 rows), so
 * the part's listens are written to the file as they are inserted instead of waiting in memory for
 * the next checkpoint; small enough that its staging stays in memory.
 */
export const DEFAULT_BULK_CHUNK = 130_000;
/** Lines per deflated block a bulk import keeps of a file (raw_blocks): what one listen's record costs to read back. */
const RAW_BLOCK_LINES = 10_000;

export interface BatchIngestContext {
  writer: ListenWriter;
  report: FileReportBuilder;
  /** How the report names the input; rejected rows store it as `storedPathOf` gives it. */
  display: string;
  runId: number;
  format: SourceFormat;
  /** The user the run runs as: rejected rows and collection items are theirs. */
  runUser: User;
  /**
   * Whose listens these are when the records do not say: `--user` (then it wins over users named
   * in the records too), a ListenBrainz export's user.json, or the run's user.
   */
  listenUser: User;
  /** True with `--user`: users named inside the records are ignored. */
  userGiven: boolean;
  parse: { encoding?: 'utf8' | 'latin1'; columns?: ColumnMapping; now: number };
  batchSize?: number;
  /** Lines per transaction of a file DuckDB reads itself; 0 reads every file line by line in JavaScript. */
  bulkChunk?: number;
  progress?: ProgressSink;
  onBatchCommitted?: (counts: Readonly<RunCounts>) => void;
}

interface Batch {
  listens: ListenRow[];
  rejects: RejectRow[];
  collection: CollectionRow[];
  /** Listens whose user (named by the record) is not known yet: name → positions in `listens`. */
  unresolved: Map<string, number[]>;
  /** The rows of a bulk-read file that the SQL staged: lines [from, to] of bulk_rows. */
  bulk?: Omit<BulkChunk, 'users'> & { userNames: readonly string[] };
}

/**
 * Collects parsed records into batches and hands them to the one ListenWriter. The next batch is
 * parsed while DuckDB merges the previous one; batches still commit one after another, in order,
 * each with the run's progress in its transaction.
 */
export class BatchIngest {
  private batch: Batch = emptyBatch();
  private readonly copies = new Map<string, number>();
  private readonly users: BatchUsers;
  private readonly batchSize: number;
  private readonly parseOptions: ParseOptions;
  private pending: Promise<void> | null = null;
  private failure: unknown = undefined;
  private committed = { inserted: 0, duplicates: 0, merged: 0 };
  /** Entries read as Windows-1252 because their bytes were, in the order read. */
  readonly detectedEncodings: EncodingDetected[] = [];

  constructor(
    private readonly db: Database,
    private readonly ctx: BatchIngestContext,
  ) {
    this.batchSize = ctx.batchSize ?? DEFAULT_BATCH;
    this.parseOptions = {
      encoding: ctx.parse.encoding ?? 'auto',
      onEncodingDetected: (detected) => this.detectedEncodings.push(detected),
      now: ctx.parse.now,
      ...(ctx.parse.columns ? { columns: ctx.parse.columns } : {}),
    };
    this.users = new BatchUsers(db, [ctx.runUser, ctx.listenUser]);
  }

  async readEntry(entry: Entry): Promise<void> {
    const chunk = this.ctx.bulkChunk ?? this.ctx.batchSize ?? DEFAULT_BULK_CHUNK;
    const reading = chunk === 0 ? null : bulkReadingOf(this.ctx.format, entry, this.parseOptions.encoding);
    // Blocks tile the chunks: a chunk whose size is not a multiple of the block size is one block.
    const scan =
      reading &&
      (await scanForBulk(
        reading.file,
        chunk % RAW_BLOCK_LINES === 0 ? RAW_BLOCK_LINES : chunk,
        reading.records,
      ));
    if (reading && scan) {
      await this.readInBulk(entry, reading, scan, chunk);
      return;
    }
    const { progress } = this.ctx;
    const counts = this.ctx.report.counts;
    let bytes = 0;
    let opened = false;
    const counted: Entry = {
      path: entry.path,
      name: entry.name,
      size: entry.size,
      // Progress follows the parse, the first reader: the encoding check may read the entry once more.
      open: async () => {
        if (opened) return entry.open();
        opened = true;
        return countBytes(await entry.open(), (n) => (bytes += n));
      },
    };
    progress?.start(entry.path, entry.size);
    let lastTick = 0;
    try {
      for await (const record of this.ctx.format.parse(counted, this.parseOptions)) {
        await this.take(record);
        if (progress && counts.read - lastTick >= 5000) {
          lastTick = counts.read;
          progress.update(bytes, counts);
        }
      }
    } finally {
      progress?.update(bytes, counts);
      progress?.stop();
    }
  }

  /**
   * A file DuckDB reads itself (bulk-entry.ts), a part (chunk of lines) at a time: DuckDB stages the
   * part, the tuples it names for the first time are settled in JavaScript, its unusual lines go
   * through `take` like any record, and its other rows are written by the writer in SQL. The next
   * part is read and deflated while the writer stores this one.
   */
  private async readInBulk(
    entry: Entry,
    reading: NonNullable<ReturnType<typeof bulkReadingOf>>,
    scan: BulkScan,
    chunk: number,
  ): Promise<void> {
    const { progress, report } = this.ctx;
    progress?.start(entry.path, entry.size);
    const stage = await BulkStage.open(this.db);
    const tuples = new TupleBook();
    const lines = scan.lines;
    const partFile = join(tmpdir(), `listenhouse-bulk-${process.pid}-${this.ctx.runId}.part`);
    // The blocks a part keeps are deflated while DuckDB works on the part before.
    const deflating = (from: number) => {
      const blocks = deflateBlocks(reading.file, scan, from, Math.min(lines, from + chunk - 1));
      // Awaited in turn below; this only keeps a failure from counting as unhandled before that.
      blocks.catch(() => undefined);
      return blocks;
    };
    try {
      let next = lines > 0 ? deflating(1) : null;
      for (let from = 1; next; from += chunk) {
        const to = Math.min(lines, from + chunk - 1);
        const blocks = next;
        await writePart(reading.file, scan, { from, to }, partFile);
        next = to < lines ? deflating(to + 1) : null;
        await stage.stagePart(bulkPart(reading, { file: partFile, firstLine: from }, this.ctx.parse.now));
        const { names, stored } = tuples.settle(await stage.tuples());
        await stage.settleTuples([...tuples.slow], stored);
        await this.takePart(stage, names, { file: entry.path, reading, from, to, scan, blocks });
        progress?.update(Math.round((entry.size * to) / lines), report.counts);
      }
      await this.drain();
    } finally {
      progress?.stop();
      await rm(partFile, { force: true });
      await this.drain().catch(() => undefined);
      await stage.close();
    }
  }

  private async takePart(
    stage: BulkStage,
    tupleNames: ReadonlyMap<bigint, NormalisedNames>,
    part: {
      file: string;
      reading: NonNullable<ReturnType<typeof bulkReadingOf>>;
      from: number;
      to: number;
      scan: BulkScan;
      blocks: Promise<Uint8Array[]>;
    },
  ): Promise<void> {
    const { file, reading, from, to } = part;
    const { report } = this.ctx;
    const slow = await stage.slowRows();
    const fast = await stage.fastCount();
    // Whose the fast rows are (a row naming none is the listen user's), met in file order with the
    // slow rows' users: the run's users are listed in the order the file first names them.
    const names =
      fast === 0 ? [] : this.ctx.userGiven ? [{ name: null, line: from }] : await stage.userNames();
    const prototypes = fast > 0 ? await stage.prototypes() : [];
    let nameAt = 0;
    const meetNamesBefore = (line: number) => {
      for (; nameAt < names.length && names[nameAt]!.line < line; nameAt++)
        this.users.listenOf(names[nameAt]!.name ?? this.ctx.listenUser);
    };
    for (const { line, text } of slow) {
      meetNamesBefore(line);
      const record = reading.mapText(text, { file, line });
      if (record) await this.take(record, line);
    }
    meetNamesBefore(Number.POSITIVE_INFINITY);
    const blocks = await part.blocks;
    if (fast === 0) return;
    report.countRead(fast);
    this.batch.bulk = {
      from,
      to,
      prototypes: prototypes.map((p) => ({
        tupleId: p.tupleId,
        seq: p.line,
        names: tupleNames.get(p.tupleId)!,
        recordingMbid: p.recordingMbid,
        isrc: p.isrc,
        durationMs: p.durationMs,
        releaseMbid: p.releaseMbid,
        releaseGroupMbid: p.releaseGroupMbid,
      })),
      userNames: names.flatMap((n) => (n.name === null ? [] : [n.name])),
      defaultUserId: this.ctx.listenUser.id,
      userGiven: this.ctx.userGiven,
      source: this.ctx.format.source,
      format: this.ctx.format.name,
      importRunId: this.ctx.runId,
      raw: { file: storedPathOf(file), blockLines: part.scan.blockLines, blocks },
    };
    await this.flush();
  }

  private async take(record: ParsedRecord, seq?: number): Promise<void> {
    const { report } = this.ctx;
    const batch = this.batch;
    report.countRead();
    switch (record.kind) {
      case 'listen': {
        const checked = validateListen(record.listen, this.ctx.parse.now);
        if (!checked.ok) {
          this.reject({ ...record, kind: 'reject', reason: checked.reason, message: checked.message });
          break;
        }
        if (checked.cleaned) report.cleaned(record.where, checked.cleaned);
        const l = checked.listen;
        const owner = this.ctx.userGiven || !l.user ? this.ctx.listenUser : l.user;
        const userId = this.users.listenOf(owner);
        if (userId === undefined) {
          const name = owner as string;
          const positions = batch.unresolved.get(name) ?? [];
          positions.push(batch.listens.length);
          batch.unresolved.set(name, positions);
        }
        const row = toListenRow(l, {
          // Filled in when the batch is written (see BatchUsers).
          userId: userId ?? -1,
          source: l.origin?.source ?? this.ctx.format.source,
          format: l.origin?.format ?? this.ctx.format.name,
          importRunId: this.ctx.runId,
          raw: record.raw,
        });
        if (seq !== undefined) row.seq = seq;
        batch.listens.push(row);
        break;
      }
      case 'collection': {
        const key = `${record.item.list}\u001f${record.item.releaseId}`;
        const instance = (this.copies.get(key) ?? 0) + 1;
        this.copies.set(key, instance);
        batch.collection.push({
          userId: this.ctx.runUser.id,
          item: record.item,
          instance,
          importRunId: this.ctx.runId,
          raw: record.raw,
        });
        break;
      }
      case 'skip':
      case 'reject':
        this.reject(record);
        break;
    }
    if (
      batch.listens.length >= this.batchSize ||
      batch.rejects.length >= this.batchSize ||
      batch.collection.length >= this.batchSize
    ) {
      await this.flush();
    }
  }

  private reject(record: Extract<ParsedRecord, { kind: 'skip' | 'reject' }>): void {
    const { report } = this.ctx;
    if (record.kind === 'skip') report.skip(record.reason, record.where, record.message);
    else report.reject(record.reason, record.where, record.message);
    this.batch.rejects.push({
      importRunId: this.ctx.runId,
      userId: this.ctx.runUser.id,
      file: this.storedPath(record.where.file),
      line: record.where.line,
      status: record.kind === 'skip' ? 'skipped' : 'rejected',
      reason: record.reason,
      message: record.message,
      raw: record.raw,
    });
  }

  /** Rejected rows name the file absolutely, so a re-run from another folder recognises them. */
  private storedPath(file: string): string {
    const { display } = this.ctx;
    return file.startsWith(display) ? storedPathOf(display) + file.slice(display.length) : storedPathOf(file);
  }

  /** The users the run's listens went to (stored ones), in the order first met. */
  listenUserIds(): number[] {
    return this.users.listenUserIds();
  }

  /**
   * Hands the collected batch to the writer and returns at once: the next batch is parsed while
   * DuckDB merges this one. Batches still commit one after another, in order.
   */
  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = emptyBatch();
    if (
      batch.listens.length === 0 &&
      batch.rejects.length === 0 &&
      batch.collection.length === 0 &&
      !batch.bulk
    )
      return;
    // What this batch accounts for, fixed now: parsing goes on while it is written.
    const { read, skipped, rejected } = this.ctx.report.counts;
    const seen = { read, skipped, rejected };
    await this.drain();
    this.pending = this.write(batch, seen).catch((err: unknown) => {
      this.failure = err;
    });
  }

  /** Waits for the batch in flight and rethrows its failure. */
  async drain(): Promise<void> {
    if (this.pending) await this.pending;
    this.pending = null;
    if (this.failure !== undefined) {
      const err = this.failure;
      this.failure = undefined;
      throw err instanceof Error ? err : new Error('writing a batch failed', { cause: err });
    }
  }

  private async write(batch: Batch, seen: Pick<RunCounts, 'read' | 'skipped' | 'rejected'>): Promise<void> {
    const { report, runId } = this.ctx;
    const committed = { ...this.committed };
    const collection = { inserted: 0, duplicates: 0 };
    const alsoInTransaction = async (outcome: BatchOutcome) => {
      committed.inserted += outcome.inserted;
      committed.duplicates += outcome.duplicates + outcome.merged;
      committed.merged += outcome.merged;
      if (batch.collection.length > 0) {
        const inserted = await writeCollectionItems(this.db, batch.collection);
        committed.inserted += inserted;
        committed.duplicates += batch.collection.length - inserted;
        collection.inserted += inserted;
        collection.duplicates += batch.collection.length - inserted;
      }
      await recordRunProgress(this.db, runId, { ...committed, ...seen });
    };
    const users = await this.writeResolvingUsers(batch, alsoInTransaction);
    if (users) {
      this.users.commit(users);
      for (const name of users.created) report.userCreated(name);
    }
    this.committed = committed;
    report.committed(committed);
    if (batch.collection.length > 0) report.collectionCommitted(collection.inserted, collection.duplicates);
    this.ctx.onBatchCommitted?.({ ...committed, ...seen });
  }

  /** Writes the batch, first resolving the users its records name that are not known yet. */
  private async writeResolvingUsers(
    batch: Batch,
    alsoInTransaction: (outcome: BatchOutcome) => Promise<void>,
  ): Promise<ResolvedUsers | null> {
    const { writer } = this.ctx;
    const bulkNames = batch.bulk?.userNames ?? [];
    if (batch.unresolved.size === 0 && bulkNames.every((name) => this.users.listenOf(name) !== undefined)) {
      const users = new Map(bulkNames.map((name) => [name, this.users.listenOf(name)!]));
      await writer.writeBatch(batch.listens, batch.rejects, alsoInTransaction, bulkChunkOf(batch, users));
      return null;
    }
    // The writer's transaction joins this one, so the batch's new users commit (or not) with it.
    return this.db.transaction(async () => {
      const resolved = await this.users.resolve(new Set([...batch.unresolved.keys(), ...bulkNames]));
      for (const [name, positions] of batch.unresolved) {
        const id = resolved.ids.get(name)!;
        for (const i of positions) batch.listens[i]!.userId = id;
      }
      await writer.writeBatch(
        batch.listens,
        batch.rejects,
        alsoInTransaction,
        bulkChunkOf(batch, resolved.ids),
      );
      return resolved;
    });
  }
}

function bulkChunkOf(batch: Batch, users: ReadonlyMap<string, number>): BulkChunk | undefined {
  if (!batch.bulk) return undefined;
  const { userNames, ...chunk } = batch.bulk;
  void userNames; // resolved into `users`
  return { ...chunk, users };
}

function emptyBatch(): Batch {
  return { listens: [], rejects: [], collection: [], unresolved: new Map() };
}

function countBytes(stream: Readable, onBytes: (n: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
  stream.on('error', (err) => counter.destroy(err));
  return stream.pipe(counter);
}
