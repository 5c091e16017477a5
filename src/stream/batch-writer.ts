/**
 * One micro-batch of stream events written through the one write path, in one transaction: the
 * listens (ListenWriter.writeBatch), the events as received (bronze), the partitions' next offsets
 * and a monitoring row. Used by `stream consume` on its own database file and by the server's
 * `POST /api/streaming/batches` for consumers that write through a server.
 */
import type { Database } from '../store/database.js';
import type { ListenDraft } from '../domain/listen.js';
import type { ListenRow } from '../domain/listen-row.js';
import { AppError } from '../domain/errors.js';
import { ListenWriter, type BatchOutcome } from '../store/listen-writer.js';
import { ensureUsers, findUserByName } from '../store/user-repository.js';
import { readStreamOffsets, recordStreamBatch, type StreamEventRow } from '../store/stream-repository.js';
import { toListenRow } from '../ingest/listen-row.js';
import { parseEvent, type ListenEvent } from './event.js';
import { streamTrace } from './kafka-client.js';

/** A message as the batch writer needs it: where it was read, and its bytes. */
export interface EventMessage {
  partition: number;
  offset: bigint;
  value: Buffer | string | null;
}

export interface PartitionSpan {
  /** The batch's first offset in the partition. */
  from: bigint;
  /** The offset after its last. */
  next: bigint;
  /** The partition's end when fetched. */
  end: bigint;
  events: number;
}

export interface DecidedEvent<M extends EventMessage = EventMessage> {
  message: M;
  event: StreamEventRow;
  listen?: { userName: string; draft: ListenDraft; raw: string };
  reject?: string;
}

export interface WrittenBatch<M extends EventMessage = EventMessage> {
  outcome: BatchOutcome;
  /** Every event rejected, with its reason (the unreadable ones and, with createUsers off, unknown users'). */
  rejected: DecidedEvent<M>[];
  /** Events below the offsets already stored (fenced batches only): stored before, left alone. */
  skipped: number;
  /** The next offset stored per partition of the batch. */
  stored: Map<number, bigint>;
}

/** Each message read and checked (the same code as /1/submit-listens), with its reason when rejected. */
export function decideEvents<M extends EventMessage>(
  messages: readonly M[],
  nowMs: number,
): DecidedEvent<M>[] {
  return messages.map((message) => {
    const parsed = parseEvent(message.value, nowMs);
    const raw = typeof message.value === 'string' ? message.value : (message.value?.toString('utf8') ?? '');
    if (!parsed.ok)
      return { message, event: eventRow(message, null, raw, parsed.reason), reject: parsed.reason };
    const event = eventRow(message, parsed.event, raw, null);
    return parsed.listen
      ? { message, event, listen: { userName: parsed.event.user_name, ...parsed.listen } }
      : { message, event };
  });
}

/** Each partition's span in a batch of messages (in offset order per partition). */
export function spansOf(
  messages: readonly EventMessage[],
  highWatermarks: ReadonlyMap<number, bigint>,
): Map<number, PartitionSpan> {
  const spans = new Map<number, PartitionSpan>();
  for (const m of messages) {
    const known = spans.get(m.partition);
    spans.set(m.partition, {
      from: known?.from ?? m.offset,
      next: m.offset + 1n,
      end: highWatermarks.get(m.partition) ?? m.offset + 1n,
      events: (known?.events ?? 0) + 1,
    });
  }
  return spans;
}

/** A micro-batch as the consumer hands it to be stored (see StreamBatchWriter.write). */
export interface BatchToWrite<M extends EventMessage> {
  group: string;
  topic: string;
  decided: readonly DecidedEvent<M>[];
  spans: ReadonlyMap<number, PartitionSpan>;
  createUsers: boolean;
  /** performance.now() when the batch's first event was read (its latency is measured from there). */
  startedAt: number;
  fenced?: boolean;
  /** Given the batch's rejects (to send to the dead letter before the batch commits). */
  lastStep?: (rejected: readonly DecidedEvent<M>[]) => Promise<void>;
}

export class StreamBatchWriter {
  private readonly writer: ListenWriter;
  /** User ids by name, once known to exist (created or found). */
  private readonly users = new Map<string, number>();

  constructor(private readonly db: Database) {
    // As live submissions: the rollups are added once a second, not in every batch (statistics add
    // what is left first), and keys a filter of the stored ones rules out are not looked up.
    this.writer = new ListenWriter(db, { deferRollups: true, filterKeys: true });
  }

  /**
   * Writes the batch in one transaction. `lastStep` runs inside it, after everything else: its
   * failure rolls the batch back (the consumer sends the dead letters and commits the offsets to
   * its group there). `fenced`:
   * the offsets this database stored are the only truth (several consumers write through one
   * server): events below them are skipped, and a batch that starts past them is refused (CONFLICT)
   * — an event between would be lost.
   */
  async write<M extends EventMessage>(batch: BatchToWrite<M>): Promise<WrittenBatch<M>> {
    const { group, topic } = batch;
    const created = new Map<string, number>();
    const began = performance.now();
    const steps: string[] = [];
    const step = (name: string, since: number) => {
      steps.push(`${name} ${Math.round(performance.now() - since)} ms`);
      return performance.now();
    };
    const result = await this.db.transaction(async () => {
      let mark = performance.now();
      let decided = batch.decided;
      let spans = batch.spans;
      let skipped = 0;
      if (batch.fenced) {
        const stored = await readStreamOffsets(this.db, group, topic);
        for (const [partition, span] of spans) {
          const at = stored.get(partition);
          if (at !== undefined && span.from > at)
            throw new AppError(
              'CONFLICT',
              `partition ${partition} of ${topic} (group ${group}): the batch starts at offset ${span.from}, but this ` +
                `database stored up to ${at}; the consumer resumes from the stored offsets (GET /api/streaming/consumer).`,
            );
        }
        const kept = decided.filter((d) => d.message.offset >= (stored.get(d.message.partition) ?? -1n));
        skipped = decided.length - kept.length;
        decided = kept;
        const fencedSpans = new Map<number, PartitionSpan>();
        for (const [partition, span] of spans) {
          const at = stored.get(partition) ?? -1n;
          if (span.next <= at) continue;
          const events = kept.filter((d) => d.message.partition === partition).length;
          fencedSpans.set(partition, { ...span, from: span.from > at ? span.from : at, events });
        }
        spans = fencedSpans;
      }
      if (!batch.createUsers) await this.rejectUnknownUsers(decided);
      // Users met for the first time, created (or found) together.
      const unknown = decided.flatMap((d) =>
        d.listen && !this.users.has(d.listen.userName) ? [d.listen.userName] : [],
      );
      for (const [name, id] of await ensureUsers(this.db, unknown)) created.set(name, id);
      const rows: ListenRow[] = [];
      for (const d of decided) {
        if (!d.listen) continue;
        const name = d.listen.userName;
        const userId = this.users.get(name) ?? created.get(name);
        if (userId === undefined) throw new Error(`user ${name} could not be created`);
        rows.push(
          toListenRow(d.listen.draft, {
            userId,
            source: 'kafka',
            format: 'listen-event',
            importRunId: null,
            raw: d.listen.raw,
          }),
        );
      }
      mark = step('rows', mark);
      const rejected = decided.filter((d) => d.reject !== undefined);
      const partitions = [...spans].map(([partition, e]) => ({
        partition,
        nextOffset: e.next,
        highWatermark: e.end,
        events: e.events,
        rejects: rejected.filter((d) => d.message.partition === partition).length,
      }));
      let recording = 0;
      const outcome = await this.writer.writeBatch(rows, [], async (o) => {
        recording = performance.now();
        await recordStreamBatch(this.db, {
          group,
          topic,
          partitions,
          events: decided.map((d) => d.event),
          listens: o.inserted,
          duplicates: o.duplicates + o.merged,
          rejects: rejected.length,
          lag: partitions.reduce((n, p) => n + Math.max(0, Number(p.highWatermark - p.nextOffset)), 0),
          millis: performance.now() - batch.startedAt,
        });
        step('events and offsets', recording);
      });
      mark = step('listens (with events and offsets)', mark);
      await batch.lastStep?.(rejected);
      step('last step', mark);
      return {
        outcome,
        rejected,
        skipped,
        stored: new Map(partitions.map((p) => [p.partition, p.nextOffset])),
      };
    });
    step('whole transaction', began);
    streamTrace(`batch of ${batch.decided.length} events: ${steps.join(', ')}`);
    for (const [name, id] of created) this.users.set(name, id);
    return result;
  }

  /** With createUsers off, an unknown user's events are rejects (for the dead letter), with what to do. */
  private async rejectUnknownUsers(decided: readonly DecidedEvent[]): Promise<void> {
    for (const d of decided) {
      if (!d.listen) continue;
      const name = d.listen.userName;
      if (!this.users.has(name)) {
        const user = await findUserByName(this.db, name);
        if (user) this.users.set(name, user.id);
      }
      if (!this.users.has(name)) {
        d.reject = `user ${name} does not exist, and this consumer creates no users (--no-create-users): add the user (listenhouse users add ${name})`;
        d.event.rejectReason = d.reject;
        delete d.listen;
      }
    }
  }
}

function eventRow(
  message: EventMessage,
  event: ListenEvent | null,
  raw: string,
  reason: string | null,
): StreamEventRow {
  const meta = event?.track_metadata;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    partition: message.partition,
    offset: message.offset,
    eventId: event?.event_id ?? null,
    eventType: event?.event_type ?? null,
    userName: event?.user_name ?? null,
    listenedAt: event ? event.listened_at * 1000 : null,
    artistName: text(meta?.artist_name),
    trackName: text(meta?.track_name),
    platform: event?.platform ?? null,
    device: event?.device ?? null,
    country: event?.country ?? null,
    genre: event?.genre ?? null,
    rejectReason: reason,
    // DuckDB's VARCHAR holds no NUL: the bytes are kept escaped as JSON would write them.
    raw: raw.replaceAll('\u0000', '\\u0000'),
  };
}
