import type { ListenDraft, SourceName } from '../domain/listen.js';
import type { Database } from '../store/database.js';
import { ListenWriter, type BatchOutcome, type ListenRow } from '../store/listen-writer.js';
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
export class ListenSubmitter {
  private readonly writer: ListenWriter;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(db: Database) {
    this.writer = new ListenWriter(db);
  }

  submit(submission: Submission): Promise<BatchOutcome & { rejected: { index: number; message: string }[] }> {
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
    const result = this.queue.then(async () => ({ ...(await this.writer.writeBatch(rows, [])), rejected }));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every submission so far is committed (graceful shutdown). */
  async drain(): Promise<void> {
    await this.queue;
  }
}
