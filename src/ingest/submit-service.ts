import type { ListenDraft, SourceName } from '../domain/listen.js';
import type { Database } from '../store/database.js';
import type { ListenRow } from '../domain/listen-row.js';
import { ListenWriter } from '../store/listen-writer.js';
import { settleRollups } from '../store/rollups.js';
import { toListenRow } from './listen-row.js';
import { validateListen } from './validate.js';

export interface Submission {
  userId: number;
  listens: readonly { draft: ListenDraft; raw: string }[];
  source: SourceName;
  format: string;
  now: number;
  /** How far ahead of `now` a listen may be stamped (ListenBrainz allows an hour). */
  futureToleranceMs?: number;
}

/** What a submission's caller learns once its listens are committed. */
export interface SubmitResult {
  /** Listens that passed validation and are now stored (or were already: the write path dedups). */
  accepted: number;
  rejected: { index: number; message: string }[];
}

interface Waiting {
  rows: ListenRow[];
  done: () => void;
  fail: (err: unknown) => void;
}

/** Rows per group commit: bounds one transaction's size when many clients submit at once. */
const MAX_GROUP_ROWS = 10_000;
/** A write waits at most this long for the clients of the previous one to come back (see gather). */
const MAX_GATHER_MS = 10;
/** ... and stops waiting as soon as no submission arrived for this long. */
const QUIET_MS = 2;

/**
 * Live submissions (the ListenBrainz and Last.fm APIs) through the same write path as file imports:
 * validate → normalise → the one ListenWriter. Writes are serialised: DuckDB has one writer, and the
 * promise resolves only after the listens are committed, so an acknowledgement means stored.
 */
export class ListenSubmitter {
  private readonly writer: ListenWriter;
  private waiting: Waiting[] = [];
  private writing: Promise<void> | null = null;
  private commits = 0;
  /** Requests the last transaction answered: about as many clients are likely to send again. */
  private lastGroup = 0;

  constructor(private readonly db: Database) {
    // Statistics add the deferred rollups before they read (rollups.ts): nothing acknowledged is missed.
    this.writer = new ListenWriter(db, { deferRollups: true, filterKeys: true });
  }

  /**
   * Resolves once the submission's listens are committed. Submissions that arrive while a
   * transaction is being written wait and are then written together in the next one (group commit):
   * one commit serves many requests, and nothing acknowledged lives only in memory.
   */
  submit(submission: Submission): Promise<SubmitResult> {
    const rows: ListenRow[] = [];
    const rejected: { index: number; message: string }[] = [];
    submission.listens.forEach(({ draft, raw }, index) => {
      const checked = validateListen(draft, submission.now, submission.futureToleranceMs);
      if (!checked.ok) {
        rejected.push({ index, message: checked.message });
        return;
      }
      rows.push(
        toListenRow(checked.listen, {
          userId: submission.userId,
          source: submission.source,
          format: submission.format,
          importRunId: null,
          raw,
        }),
      );
    });
    if (rows.length === 0) return Promise.resolve({ accepted: 0, rejected });
    return new Promise<SubmitResult>((resolve, reject) => {
      this.waiting.push({ rows, done: () => resolve({ accepted: rows.length, rejected }), fail: reject });
      this.startWriting();
    });
  }

  private startWriting(): void {
    if (this.writing) return;
    this.writing = this.writeWaiting().finally(() => {
      this.writing = null;
      if (this.waiting.length > 0) this.startWriting();
    });
  }

  private async writeWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      await this.gather();
      const group: Waiting[] = [];
      let size = 0;
      while (
        this.waiting.length > 0 &&
        (group.length === 0 || size + this.waiting[0]!.rows.length <= MAX_GROUP_ROWS)
      ) {
        const next = this.waiting.shift()!;
        group.push(next);
        size += next.rows.length;
      }
      try {
        await this.writer.writeBatch(
          group.flatMap((g) => g.rows),
          [],
        );
        this.commits++;
        this.lastGroup = group.length;
        for (const g of group) g.done();
      } catch (err) {
        for (const g of group) g.fail(err);
      }
    }
  }

  /**
   * Waits a moment for more submissions before a write. A transaction costs milliseconds however few
   * listens it holds, and the clients one commit answers send their next listens together: written
   * at once, the first few to return would make a transaction of their own and the rest wait for it.
   * So a write waits while submissions keep arriving, until about as many requests wait as the
   * previous transaction answered, for at most MAX_GATHER_MS. A lone client waits for nothing: its
   * previous transaction answered one request.
   */
  private async gather(): Promise<void> {
    const started = performance.now();
    let seen = this.waiting.length;
    while (
      this.waiting.length < this.lastGroup &&
      this.waitingRows() < MAX_GROUP_ROWS &&
      performance.now() - started < MAX_GATHER_MS
    ) {
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      if (this.waiting.length === seen) return;
      seen = this.waiting.length;
    }
  }

  private waitingRows(): number {
    return this.waiting.reduce((n, w) => n + w.rows.length, 0);
  }

  /** Transactions written so far (fewer than submissions when group commit joins them). */
  get transactions(): number {
    return this.commits;
  }

  /** Resolves when every submission so far is committed (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
    await settleRollups(this.db);
  }
}
