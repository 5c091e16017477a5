import type { ListenDraft, SourceName } from '../domain/listen.js';
import type { Database } from '../store/database.js';
import { ListenWriter, type ListenRow } from '../store/listen-writer.js';
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

/**
 * Live submissions (the ListenBrainz and Last.fm APIs) through the same write path as file imports:
 * validate → normalise → the one ListenWriter. Writes are serialised: DuckDB has one writer, and the
 * promise resolves only after the listens are committed, so an acknowledgement means stored.
 */
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

export class ListenSubmitter {
  private readonly writer: ListenWriter;
  private waiting: Waiting[] = [];
  private writing: Promise<void> | null = null;
  private commits = 0;

  constructor(db: Database) {
    this.writer = new ListenWriter(db);
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
        for (const g of group) g.done();
      } catch (err) {
        for (const g of group) g.fail(err);
      }
    }
  }

  /** Transactions written so far (fewer than submissions when group commit joins them). */
  get transactions(): number {
    return this.commits;
  }

  /** Resolves when every submission so far is committed (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
  }
}
