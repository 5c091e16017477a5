/**
 * The Kafka consumer: a member of a consumer group that stores what its partitions hold through
 * the one write path, with exactly-once effect. Buffered messages are written as micro-batches:
 * each batch's listens, its events (bronze) and its partitions' next offsets are written in one
 * transaction (ListenWriter.writeBatch's `alsoInTransaction`), and the last step before that
 * transaction commits is committing the same offsets to the group, in this member's generation.
 *
 * Each member writes its own database, so another member cannot know what this one stored; the
 * group's committed offset is what it starts from when a partition moves. Committing to the group
 * inside the transaction keeps the two together: Kafka refuses the commit once the group is
 * rebalancing or has moved on without this member (and librdkafka's mock cluster refuses it for the
 * whole rebalance), and then the transaction rolls back — a member never stores what the next owner
 * of the partition will read again. The commit carries this database's id and where the batch began,
 * so a member killed after the group commit and before its own commit finds its offset committed
 * under its own name, past what it stored, and reads again from where that batch began. On every
 * assignment a member drops what it buffered and starts each partition from the group's offset (or,
 * after such a kill, its own); messages below what its database stored are skipped, and a replayed
 * listen is the same listen to the duplicate decision, so it stores nothing new.
 */
import type { Database } from '../store/database.js';
import type { ListenDraft } from '../domain/listen.js';
import type { ListenRow } from '../domain/listen-row.js';
import { ListenWriter, type BatchOutcome } from '../store/listen-writer.js';
import { ensureUser, findUserByName } from '../store/user-repository.js';
import {
  readStreamDatabaseId,
  readStreamOffsets,
  recordStreamBatch,
  type StreamEventRow,
} from '../store/stream-repository.js';
import { toListenRow } from '../ingest/listen-row.js';
import { parseEvent, type ListenEvent } from './event.js';
import {
  isRebalanceError,
  rebalanceError,
  type GroupMember,
  type GroupOffset,
  type MessageBatch,
  type StreamClient,
  type StreamMessage,
  type StreamProducer,
} from './kafka-client.js';

export interface ConsumeOptions {
  group: string;
  topic: string;
  deadLetterTopic?: string;
  /** Create users on first sight (default); otherwise their events go to the dead letter. */
  createUsers: boolean;
  /** Stop once the partitions held have reached the ends they had at start. */
  exitAtEnd: boolean;
  /** Events per micro-batch at most (default MAX_BATCH_EVENTS). */
  batchEvents?: number;
  now?: () => number;
  onBatch?: (progress: ConsumeProgress) => void;
}

export interface PartitionLag {
  partition: number;
  nextOffset: number;
  lag: number;
}

export interface ConsumeProgress {
  group: string;
  topic: string;
  events: number;
  listensStored: number;
  duplicates: number;
  rejects: number;
  deadLettered: number;
  /** Messages fetched again below the stored offset and skipped (a replay after a kill or rebalance). */
  skipped: number;
  batches: number;
  errors: number;
  /** Assignments this member received (the first included). */
  rebalances: number;
  seconds: number;
  eventsPerSecond: number;
  lastBatchMs: number;
  maxBatchMs: number;
  partitions: PartitionLag[];
  lag: number;
}

interface Decided {
  message: StreamMessage;
  event: StreamEventRow;
  listen?: { userName: string; draft: ListenDraft; raw: string };
  reject?: string;
}

/** A micro-batch is written once it holds this many events ... */
export const MAX_BATCH_EVENTS = 20_000;
/** Times a crashed group member is replaced before the consumer gives up. */
const MAX_RESTARTS = 5;
/** ... or its first event has waited this long. */
const MAX_BATCH_WAIT_MS = 200;

export class StreamConsumer {
  private readonly writer: ListenWriter;
  private readonly now: () => number;
  /** The next offset this database stored, per partition. */
  private stored = new Map<number, bigint>();
  private databaseId = '';
  private readonly positions = new Map<number, { next: bigint; end: bigint }>();
  /** The next offset to buffer per held partition (absent: whatever the group hands over first). */
  private readonly next = new Map<number, bigint>();
  private buffer: MessageBatch[] = [];
  private buffered = 0;
  private firstBufferedAt: number | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** Counts assignments: a batch fetched under one is never stored under another. */
  private generation = 0;
  /** Where each held partition starts, known once the group's offsets are read after an assignment. */
  private ready: Promise<void> = Promise.resolve();
  /** The group is rebalancing: nothing is stored (Kafka would refuse the commit) until the next assignment. */
  private rebalancing: Error | null = null;
  private restarts = 0;
  private ends = new Map<number, bigint>();
  private assigned: number[] | null = null;
  private readonly users = new Map<string, number>();
  private member: GroupMember | null = null;
  private deadLetter: StreamProducer | null = null;
  private started = 0;
  private finish: (() => void) | null = null;
  private failure: ((err: Error) => void) | null = null;
  private stopping = false;
  private readonly totals = {
    events: 0,
    listensStored: 0,
    duplicates: 0,
    rejects: 0,
    deadLettered: 0,
    skipped: 0,
    batches: 0,
    errors: 0,
    rebalances: 0,
    lastBatchMs: 0,
    maxBatchMs: 0,
  };

  constructor(
    private readonly db: Database,
    private readonly client: StreamClient,
    private readonly options: ConsumeOptions,
  ) {
    this.writer = new ListenWriter(db);
    this.now = options.now ?? Date.now;
  }

  /** Consumes until `stop()` (or, with exitAtEnd, the end); resolves with the totals. */
  async run(): Promise<ConsumeProgress> {
    const { group, topic } = this.options;
    this.started = performance.now();
    this.stored = await readStreamOffsets(this.db, group, topic);
    this.databaseId = await readStreamDatabaseId(this.db);
    if (this.options.exitAtEnd) this.ends = await this.client.partitionEnds(topic);
    if (this.options.deadLetterTopic) this.deadLetter = await this.client.producer();
    const done = new Promise<void>((resolve, reject) => {
      this.finish = resolve;
      this.failure = reject;
    });
    await this.join();
    // Batches that stop arriving are written once due; a failure is counted and retried.
    const timer = setInterval(() => {
      if (this.flushDue() && !this.rebalancing) this.flush().catch(() => undefined);
      this.checkEnd();
    }, 50);
    try {
      await done;
    } finally {
      clearInterval(timer);
      // What was stored is committed to the group already: leaving hands the partitions over.
      await this.member?.stop();
    }
    return this.progress();
  }

  /** Joins the group as a new member and starts fetching. */
  private async join(): Promise<void> {
    const member = await this.client.member({ group: this.options.group, topic: this.options.topic });
    this.member = member;
    member.onAssignment((partitions) => this.assign(member, partitions));
    member.onRebalancing(() => {
      this.rebalancing ??= rebalanceError('the group is rebalancing');
    });
    member.onCrash((err) => void this.rejoin(member, err));
    await member.run((batch) => this.handle(batch));
  }

  /**
   * A member the client gave up on (an error it does not retry) is replaced, a few times, after a
   * pause: what it buffered is dropped (the new member's assignment starts from the committed
   * offsets), nothing stored is lost.
   */
  private async rejoin(crashed: GroupMember, err: Error): Promise<void> {
    this.totals.errors++;
    if (this.stopping) return;
    if (++this.restarts > MAX_RESTARTS) {
      this.failure?.(err);
      return;
    }
    await crashed.stop().catch(() => undefined);
    await this.flushing;
    this.dropBuffer();
    await new Promise((resolve) => setTimeout(resolve, 1000 * this.restarts));
    if (this.stopping) return;
    await this.join().catch((again: Error) => this.rejoin(crashed, again));
  }

  /** Stops once what is buffered is stored (when the store and the group take it). */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    void this.flush()
      .catch(() => undefined)
      .finally(() => this.finish?.());
  }

  progress(): ConsumeProgress {
    const seconds = (performance.now() - this.started) / 1000;
    const partitions: PartitionLag[] = [...this.positions.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partition, p]) => ({
        partition,
        nextOffset: Number(p.next),
        lag: Math.max(0, Number(p.end - p.next)),
      }));
    return {
      group: this.options.group,
      topic: this.options.topic,
      ...this.totals,
      seconds: Math.round(seconds * 1000) / 1000,
      eventsPerSecond: seconds > 0 ? Math.round(this.totals.events / seconds) : 0,
      partitions,
      lag: partitions.reduce((n, p) => n + p.lag, 0),
    };
  }

  private dropBuffer(): void {
    this.buffer = [];
    this.buffered = 0;
    this.firstBufferedAt = null;
  }

  /**
   * A new assignment: what was buffered is dropped (a partition kept may have been stored elsewhere
   * in between), and each partition held starts where the group's committed offset says, or where
   * this database stored, whichever is further — unless the group's offset is this database's own
   * commit of a batch that its transaction did not keep, in which case it starts where that batch began.
   */
  private assign(member: GroupMember, partitions: number[]): void {
    const generation = ++this.generation;
    this.totals.rebalances++;
    this.rebalancing = null;
    this.assigned = partitions;
    this.dropBuffer();
    this.next.clear();
    if (this.stopping) return;
    this.ready = this.resume(member, partitions, generation).catch((err: Error) => this.failure?.(err));
  }

  private async resume(member: GroupMember, partitions: number[], generation: number): Promise<void> {
    let committed: Map<number, GroupOffset> | null = null;
    for (let attempt = 1; committed === null; attempt++) {
      try {
        committed = await this.client.committedOffsets(this.options.group, this.options.topic);
      } catch (err) {
        // Nothing can be stored before the starts are known; the brokers may be back shortly.
        this.totals.errors++;
        if (this.stopping || attempt >= 10) {
          this.failure?.(err as Error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
      if (generation !== this.generation) return;
    }
    for (const p of partitions) {
      const group = committed.get(p);
      const start = startOf(this.stored.get(p), group, this.databaseId);
      if (start !== undefined) {
        this.next.set(p, start);
        if (group?.offset !== start) member.seek(p, start);
      }
      const known = this.positions.get(p);
      this.positions.set(p, { next: start ?? 0n, end: known?.end ?? this.ends.get(p) ?? 0n });
    }
    this.checkEnd();
  }

  private checkEnd(): void {
    if (!this.options.exitAtEnd || this.assigned === null || this.stopping) return;
    const atEnd = this.assigned.every((p) => {
      const pos = this.positions.get(p);
      return pos !== undefined && pos.next >= (this.ends.get(p) ?? 0n);
    });
    if (atEnd) this.stop();
  }

  private async handle(batch: MessageBatch): Promise<void> {
    // The starts of a new assignment first; another may have come meanwhile.
    for (let ready = this.ready; ; ready = this.ready) {
      await ready;
      if (ready === this.ready) break;
    }
    // The group is rebalancing (a commit was refused): handed back, the refusal makes the client rejoin now.
    if (this.rebalancing) throw this.rebalancing;
    const p = batch.partition;
    if (batch.isStale() || this.assigned?.includes(p) !== true) return;
    const from = this.next.get(p);
    const fresh = from === undefined ? batch.messages : batch.messages.filter((m) => m.offset >= from);
    this.totals.skipped += batch.messages.length - fresh.length;
    if (fresh.length > 0) {
      this.buffer.push({ ...batch, messages: fresh });
      this.buffered += fresh.length;
      this.firstBufferedAt ??= performance.now();
      this.next.set(p, fresh[fresh.length - 1]!.offset + 1n);
    }
    if (this.buffered >= (this.options.batchEvents ?? MAX_BATCH_EVENTS) || this.flushDue())
      await this.flush();
  }

  private flushDue(): boolean {
    return this.firstBufferedAt !== null && performance.now() - this.firstBufferedAt >= MAX_BATCH_WAIT_MS;
  }

  /**
   * Writes what is buffered as one micro-batch, its offsets committed to the group inside the
   * transaction. Flushes take turns; a failed one keeps its batches buffered for the next (the
   * database may be back), unless the group is rebalancing: then they are dropped, and whoever
   * holds their partitions next reads them again.
   */
  private flush(): Promise<void> {
    const run = this.flushing.then(() => this.flushNow());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async flushNow(): Promise<void> {
    if (this.buffer.length === 0 || this.rebalancing) return;
    // Taken whole: batches fetched while this one is written wait for the next.
    const batches = this.buffer;
    const generation = this.generation;
    const started = this.firstBufferedAt ?? performance.now();
    this.dropBuffer();
    const messages = batches.flatMap((b) => b.messages);
    const ends = new Map<number, PartitionSpan>();
    for (const b of batches) {
      const known = ends.get(b.partition);
      ends.set(b.partition, {
        from: known?.from ?? b.messages[0]!.offset,
        next: b.messages[b.messages.length - 1]!.offset + 1n,
        end: max(b.highWatermark, known?.end ?? 0n),
        events: (known?.events ?? 0) + b.messages.length,
      });
    }
    try {
      const decided = await this.decide(messages);
      const rejected = decided.filter((d) => d.reject !== undefined);
      if (rejected.length > 0 && this.deadLetter) {
        // Sent before the batch commits: a kill in between sends them again (at least once).
        await this.deadLetter.send(
          this.options.deadLetterTopic!,
          rejected.map((d) => ({
            key: d.message.key,
            value: d.message.value ?? Buffer.alloc(0),
            headers: {
              reason: d.reject!,
              source_topic: this.options.topic,
              source_partition: String(d.message.partition),
              source_offset: String(d.message.offset),
            },
          })),
        );
      }
      const outcome = await this.store(decided, ends, started, generation);
      this.totals.events += messages.length;
      this.totals.listensStored += outcome.inserted;
      this.totals.duplicates += outcome.duplicates + outcome.merged;
      this.totals.rejects += rejected.length;
      if (this.deadLetter) this.totals.deadLettered += rejected.length;
      this.totals.batches++;
      this.totals.lastBatchMs = Math.round(performance.now() - started);
      this.totals.maxBatchMs = Math.max(this.totals.maxBatchMs, this.totals.lastBatchMs);
    } catch (err) {
      if (isRebalanceError(err)) {
        // Not stored, not committed: the partitions' next owner (maybe this member) reads them again.
        this.rebalancing ??= err as Error;
      } else {
        this.totals.errors++;
        if (generation === this.generation) {
          this.buffer = [...batches, ...this.buffer];
          this.buffered += messages.length;
          this.firstBufferedAt = started;
        }
      }
      throw err;
    }
    for (const [partition, e] of ends) {
      this.stored.set(partition, e.next);
      this.positions.set(partition, { next: e.next, end: e.end });
    }
    this.options.onBatch?.(this.progress());
    this.checkEnd();
  }

  /** Each message read, checked, and given its user (or its reason for the dead letter). */
  private async decide(messages: readonly StreamMessage[]): Promise<Decided[]> {
    const now = this.now();
    const decided: Decided[] = messages.map((message) => {
      const parsed = parseEvent(message.value, now);
      const raw = message.value ? message.value.toString('utf8') : '';
      if (!parsed.ok)
        return { message, event: eventRow(message, null, raw, parsed.reason), reject: parsed.reason };
      const event = eventRow(message, parsed.event, raw, null);
      return parsed.listen
        ? { message, event, listen: { userName: parsed.event.user_name, ...parsed.listen } }
        : { message, event };
    });
    if (!this.options.createUsers) {
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
    return decided;
  }

  /**
   * One transaction: the listens, the events, the offsets, and — its last step — the same offsets
   * committed to the group. A refused group commit rolls the transaction back.
   */
  private async store(
    decided: readonly Decided[],
    ends: ReadonlyMap<number, PartitionSpan>,
    started: number,
    generation: number,
  ): Promise<BatchOutcome> {
    const { group, topic } = this.options;
    const member = this.member;
    const created = new Map<string, number>();
    let committedToGroup = false;
    let outcome: BatchOutcome;
    try {
      outcome = await this.db.transaction(async () => {
        const rows: ListenRow[] = [];
        for (const d of decided) {
          if (!d.listen) continue;
          const name = d.listen.userName;
          let userId = this.users.get(name) ?? created.get(name);
          if (userId === undefined) {
            userId = (await ensureUser(this.db, name)).user.id;
            created.set(name, userId);
          }
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
        const rejectsIn = (partition: number) =>
          decided.filter((d) => d.reject !== undefined && d.message.partition === partition).length;
        const partitions = [...ends].map(([partition, e]) => ({
          partition,
          nextOffset: e.next,
          highWatermark: e.end,
          events: e.events,
          rejects: rejectsIn(partition),
        }));
        const written = await this.writer.writeBatch(rows, [], (o) =>
          recordStreamBatch(this.db, {
            group,
            topic,
            partitions,
            events: decided.map((d) => d.event),
            listens: o.inserted,
            duplicates: o.duplicates + o.merged,
            rejects: decided.filter((d) => d.reject !== undefined).length,
            lag: partitions.reduce((n, p) => n + Math.max(0, Number(p.highWatermark - p.nextOffset)), 0),
            millis: performance.now() - started,
          }),
        );
        // The batch was fetched under this assignment; under another, its partitions may be another's.
        if (generation !== this.generation || this.rebalancing || member === null || member !== this.member)
          throw rebalanceError(
            'the group was rebalanced while this batch was written: its next owner reads it again',
          );
        await member.commit(
          [...ends].map(([partition, e]) => ({
            partition,
            offset: e.next,
            metadata: commitMetadata(this.databaseId, e.from),
          })),
        );
        committedToGroup = true;
        return written;
      });
    } catch (err) {
      if (committedToGroup && member) {
        // The group took offsets that the database did not keep: they are put back. Should that fail
        // too, this member's next start finds them under its own name and reads from where they began.
        await member
          .commit(
            [...ends].map(([partition, e]) => ({
              partition,
              offset: e.from,
              metadata: commitMetadata(this.databaseId, e.from),
            })),
          )
          .catch(() => undefined);
      }
      throw err;
    }
    for (const [name, id] of created) this.users.set(name, id);
    return outcome;
  }
}

interface PartitionSpan {
  /** The batch's first offset in the partition. */
  from: bigint;
  /** The offset after its last. */
  next: bigint;
  /** The partition's end when fetched. */
  end: bigint;
  events: number;
}

const COMMIT_METADATA = /^listenhouse ([0-9a-f-]+) from (\d+)$/;

/** What a member writes beside the offsets it commits: its database, and where the batch began. */
export function commitMetadata(databaseId: string, from: bigint): string {
  return `listenhouse ${databaseId} from ${from}`;
}

/**
 * Where a member starts a partition it is given: the further of the group's committed offset and
 * what its own database stored — unless the group's offset is this database's own commit, past what
 * the database stored (the process died between the group commit and its own commit): then where
 * that batch began. Undefined: nothing known, the group's first message is the start.
 */
export function startOf(
  stored: bigint | undefined,
  group: GroupOffset | undefined,
  databaseId: string,
): bigint | undefined {
  const own = COMMIT_METADATA.exec(group?.metadata ?? '');
  if (group && own?.[1] === databaseId && (stored ?? -1n) < group.offset) {
    const from = BigInt(own[2]!);
    return stored === undefined ? from : max(stored, from);
  }
  if (stored === undefined) return group?.offset;
  return group ? max(stored, group.offset) : stored;
}

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

function eventRow(
  message: StreamMessage,
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
