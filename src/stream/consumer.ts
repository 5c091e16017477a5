/**
 * The Kafka consumer: a member of a consumer group that stores what its partitions hold through
 * the one write path, with exactly-once effect. Each fetched batch (one partition's messages) is a
 * micro-batch: its listens, its events (bronze), and the partition's next offset are written in one
 * transaction (ListenWriter.writeBatch's `alsoInTransaction`), and only then is the offset committed
 * to the group. So after a kill at any point, the batch is either stored with its offset or not at
 * all; messages below the stored offset (a batch stored but not yet committed to the group when the
 * process died, or fetched again after a rebalance) are skipped, and a replayed listen is the same
 * listen to the duplicate decision, so it stores nothing new.
 */
import type { Database } from '../store/database.js';
import type { ListenDraft } from '../domain/listen.js';
import type { ListenRow } from '../domain/listen-row.js';
import { ListenWriter, type BatchOutcome } from '../store/listen-writer.js';
import { ensureUser, findUserByName } from '../store/user-repository.js';
import { readStreamOffsets, recordStreamBatch, type StreamEventRow } from '../store/stream-repository.js';
import { toListenRow } from '../ingest/listen-row.js';
import { parseEvent, type ListenEvent } from './event.js';
import type {
  GroupMember,
  MessageBatch,
  StreamClient,
  StreamMessage,
  StreamProducer,
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
  private stored = new Map<number, bigint>();
  private readonly positions = new Map<number, { next: bigint; end: bigint }>();
  /** The next offset after what is buffered, per partition: a message fetched again is skipped. */
  private readonly fetched = new Map<number, bigint>();
  private buffer: MessageBatch[] = [];
  private buffered = 0;
  private firstBufferedAt: number | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly toCommit = new Map<number, bigint>();
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
    if (this.options.exitAtEnd) this.ends = await this.client.partitionEnds(topic);
    if (this.options.deadLetterTopic) this.deadLetter = await this.client.producer();
    const done = new Promise<void>((resolve, reject) => {
      this.finish = resolve;
      this.failure = reject;
    });
    await this.join();
    // Batches that stop arriving are written once due; a failure is counted and retried.
    const timer = setInterval(() => {
      if (this.flushDue()) this.flush().catch(() => undefined);
      this.checkEnd();
    }, 50);
    try {
      await done;
    } finally {
      clearInterval(timer);
      await this.commitStored();
      await this.member?.stop();
    }
    return this.progress();
  }

  /** Joins the group as a new member and starts fetching. */
  private async join(): Promise<void> {
    const member = await this.client.member({ group: this.options.group, topic: this.options.topic });
    this.member = member;
    member.onAssignment((partitions) => void this.assign(partitions));
    member.onCrash((err) => void this.rejoin(member, err));
    await member.run((batch) => this.handle(batch));
  }

  /**
   * A member the client gave up on (an error it does not retry, such as a request the broker
   * refused during a rebalance) is replaced, a few times, after a pause: what it buffered is
   * dropped (it is fetched again from the stored offsets), nothing stored is lost.
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
    this.buffer = [];
    this.buffered = 0;
    this.firstBufferedAt = null;
    this.fetched.clear();
    await new Promise((resolve) => setTimeout(resolve, 1000 * this.restarts));
    if (this.stopping) return;
    await this.join().catch((again: Error) => this.rejoin(crashed, again));
  }

  /** Stops once what is buffered is stored (when the store takes it) and its offsets committed. */
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

  private async assign(partitions: number[]): Promise<void> {
    this.assigned = partitions;
    // Partitions that went to another member: what is buffered of them is theirs to store now.
    this.buffer = this.buffer.filter((b) => partitions.includes(b.partition));
    this.buffered = this.buffer.reduce((n, b) => n + b.messages.length, 0);
    if (this.buffer.length === 0) this.firstBufferedAt = null;
    for (const p of [...this.fetched.keys()]) if (!partitions.includes(p)) this.fetched.delete(p);
    if (!this.options.exitAtEnd) return;
    // Where each held partition stands: our stored offset, or what the group committed (another
    // member, writing elsewhere, may have moved it further).
    const committed = await this.client.committedOffsets(this.options.group, this.options.topic);
    for (const p of partitions) {
      const next = [this.stored.get(p), committed.get(p)].reduce<bigint>(
        (a, b) => (b !== undefined && b > a ? b : a),
        0n,
      );
      const known = this.positions.get(p);
      const end = this.ends.get(p) ?? 0n;
      if (!known || known.next < next) this.positions.set(p, { next, end: known ? known.end : end });
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
    const p = batch.partition;
    const from = max(this.stored.get(p) ?? 0n, this.fetched.get(p) ?? 0n);
    const fresh = batch.messages.filter((m) => m.offset >= from);
    this.totals.skipped += batch.messages.length - fresh.length;
    if (fresh.length > 0) {
      this.buffer.push({ ...batch, messages: fresh });
      this.buffered += fresh.length;
      this.firstBufferedAt ??= performance.now();
      this.fetched.set(p, fresh[fresh.length - 1]!.offset + 1n);
    }
    if (this.buffered >= (this.options.batchEvents ?? MAX_BATCH_EVENTS) || this.flushDue())
      await this.flush();
  }

  /**
   * Commits the stored offsets to the group (stored first, committed after), so that a member
   * writing to another database starts where this one stopped. A kill in between only makes this
   * member fetch again what it stored, which its stored offsets skip; a failed commit is retried
   * with the next one.
   */
  private async commitStored(): Promise<void> {
    if (this.toCommit.size === 0 || !this.member) return;
    const offsets = [...this.toCommit].map(([partition, offset]) => ({ partition, offset }));
    this.toCommit.clear();
    await this.member.commit(offsets).catch(() => {
      for (const o of offsets) if (!this.toCommit.has(o.partition)) this.toCommit.set(o.partition, o.offset);
    });
  }

  private flushDue(): boolean {
    return this.firstBufferedAt !== null && performance.now() - this.firstBufferedAt >= MAX_BATCH_WAIT_MS;
  }

  /**
   * Writes what is buffered as one micro-batch, then commits its offsets to the group. Flushes take
   * turns; a failed one keeps its batches buffered for the next (the database may be back).
   */
  private flush(): Promise<void> {
    const run = this.flushing.then(() => this.flushNow());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async flushNow(): Promise<void> {
    if (this.buffer.length === 0) return;
    // Taken whole: batches fetched while this one is written wait for the next.
    const batches = this.buffer;
    const started = this.firstBufferedAt ?? performance.now();
    this.buffer = [];
    this.buffered = 0;
    this.firstBufferedAt = null;
    const messages = batches.flatMap((b) => b.messages);
    const ends = new Map<number, { next: bigint; end: bigint; events: number }>();
    for (const b of batches) {
      const last = b.messages[b.messages.length - 1]!.offset;
      const known = ends.get(b.partition);
      ends.set(b.partition, {
        next: last + 1n,
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
      const outcome = await this.store(decided, ends, started);
      this.totals.events += messages.length;
      this.totals.listensStored += outcome.inserted;
      this.totals.duplicates += outcome.duplicates + outcome.merged;
      this.totals.rejects += rejected.length;
      if (this.deadLetter) this.totals.deadLettered += rejected.length;
      this.totals.batches++;
      this.totals.lastBatchMs = Math.round(performance.now() - started);
      this.totals.maxBatchMs = Math.max(this.totals.maxBatchMs, this.totals.lastBatchMs);
    } catch (err) {
      this.totals.errors++;
      this.buffer = [...batches, ...this.buffer];
      this.buffered += messages.length;
      this.firstBufferedAt = started;
      throw err;
    }
    for (const [partition, e] of ends) {
      this.stored.set(partition, e.next);
      this.positions.set(partition, { next: e.next, end: e.end });
    }
    for (const [partition, e] of ends) this.toCommit.set(partition, e.next);
    await this.commitStored();
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

  private async store(
    decided: readonly Decided[],
    ends: ReadonlyMap<number, { next: bigint; end: bigint; events: number }>,
    started: number,
  ): Promise<BatchOutcome> {
    const { group, topic } = this.options;
    const created = new Map<string, number>();
    const outcome = await this.db.transaction(async () => {
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
      return this.writer.writeBatch(rows, [], (outcome) =>
        recordStreamBatch(this.db, {
          group,
          topic,
          partitions,
          events: decided.map((d) => d.event),
          listens: outcome.inserted,
          duplicates: outcome.duplicates + outcome.merged,
          rejects: decided.filter((d) => d.reject !== undefined).length,
          lag: partitions.reduce((n, p) => n + Math.max(0, Number(p.highWatermark - p.nextOffset)), 0),
          millis: performance.now() - started,
        }),
      );
    });
    for (const [name, id] of created) this.users.set(name, id);
    return outcome;
  }
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
