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
 *
 * That is a member on its own file (`fileSink`). Members that write through one server
 * (`stream consume --server`, cli/stream-server-sink.ts) share its database: its stored offsets are
 * the truth they resume from, and the server fences each batch by them, so the group's commit is
 * only informational there.
 */
import { AppError, isAppError } from '../domain/errors.js';
import type { Database } from '../store/database.js';
import { readStreamDatabaseId, readStreamOffsets } from '../store/stream-repository.js';
import {
  decideEvents,
  StreamBatchWriter,
  type BatchToWrite,
  type DecidedEvent,
  type PartitionSpan,
  type WrittenBatch,
} from './batch-writer.js';
import {
  isRebalanceError,
  rebalanceError,
  type GroupMember,
  type GroupOffset,
  type MessageBatch,
  type StreamClient,
  type StreamMessage,
  type StreamProducer,
  streamTrace,
} from './kafka-client.js';

/**
 * Where a consumer stores its micro-batches: its own database file, or a server that holds one
 * (several members, one database).
 */
export interface StreamSink {
  /**
   * True when every member of the group writes to this same store (a server): the offsets it stored
   * are the only truth, a member resumes from them alone, and each batch is fenced by them (events
   * below are skipped, a batch starting past them is refused with CONFLICT).
   */
  readonly shared: boolean;
  /** The next offset stored per partition (absent: nothing stored). */
  storedOffsets(group: string, topic: string): Promise<Map<number, bigint>>;
  /** This store's name in the offsets committed to the group (a file's id, migration 021). */
  databaseId(): Promise<string>;
  /**
   * Stores the batch with its offsets in one transaction. `lastStep` runs inside it on a file; a
   * server commits first and `lastStep` follows (there is no transaction to hold open across HTTP).
   */
  write(
    batch: Omit<BatchToWrite<StreamMessage>, 'fenced'> &
      Required<Pick<BatchToWrite<StreamMessage>, 'lastStep'>>,
  ): Promise<WrittenBatch<StreamMessage>>;
}

/** The consumer's own database file. */
export function fileSink(db: Database): StreamSink {
  const writer = new StreamBatchWriter(db);
  return {
    shared: false,
    storedOffsets: (group, topic) => readStreamOffsets(db, group, topic),
    databaseId: () => readStreamDatabaseId(db),
    write: (batch) => writer.write(batch),
  };
}

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
  /**
   * With exitAtEnd: give up (the run rejects) once this long passes without a batch stored or an
   * assignment received while the partitions held have not reached their ends (default STALL_TIMEOUT_MS).
   */
  stallTimeoutMs?: number;
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

/** A micro-batch is written once it holds this many events ... */
export const MAX_BATCH_EVENTS = 20_000;
/** Times a crashed group member is replaced before the consumer gives up. */
const MAX_RESTARTS = 5;
/** ... or its first event has waited this long. */
const MAX_BATCH_WAIT_MS = 200;
/**
 * An --exit-at-end run that has not moved for this long gives up with an error. librdkafka's mock
 * cluster takes 29 s per rebalance, a real group up to its session timeout (30 s) and a join: five
 * minutes is several rebalances in a row.
 */
export const STALL_TIMEOUT_MS = 300_000;

export class StreamConsumer {
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
  private member: GroupMember | null = null;
  private deadLetter: StreamProducer | null = null;
  private started = 0;
  /** When a batch was last stored or an assignment last received (performance.now()). */
  private movedAt = 0;
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
    private readonly sink: StreamSink,
    private readonly client: StreamClient,
    private readonly options: ConsumeOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Consumes until `stop()` (or, with exitAtEnd, the end); resolves with the totals. */
  async run(): Promise<ConsumeProgress> {
    const { group, topic } = this.options;
    this.started = performance.now();
    this.movedAt = this.started;
    this.stored = await this.sink.storedOffsets(group, topic);
    this.databaseId = await this.sink.databaseId();
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
      this.checkStall();
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
  private assign(member: GroupMember, partitions: number[], again = false): void {
    const generation = ++this.generation;
    if (!again) this.totals.rebalances++;
    this.movedAt = performance.now();
    this.rebalancing = null;
    this.assigned = partitions;
    streamTrace(
      `assignment ${generation}: ${JSON.stringify(partitions)}, ${this.buffered} buffered events dropped`,
    );
    this.dropBuffer();
    this.next.clear();
    if (this.stopping) return;
    this.ready = this.resume(member, partitions, generation, again).catch((err: Error) =>
      this.failure?.(err),
    );
  }

  /** `again`: the same partitions, restarted where the store says (the client's own position is past it). */
  private async resume(
    member: GroupMember,
    partitions: number[],
    generation: number,
    again: boolean,
  ): Promise<void> {
    let committed: Map<number, GroupOffset> | null = null;
    for (let attempt = 1; committed === null; attempt++) {
      try {
        // Through a server, other members move the stored offsets too: read afresh at every assignment.
        if (this.sink.shared)
          this.stored = await this.sink.storedOffsets(this.options.group, this.options.topic);
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
      const start = this.sink.shared
        ? (this.stored.get(p) ?? group?.offset)
        : startOf(this.stored.get(p), group, this.databaseId);
      streamTrace(
        `assignment ${generation}: partition ${p} starts at ${start} (group ${group?.offset}, stored ${this.stored.get(p)}, end ${this.ends.get(p)})`,
      );
      if (start !== undefined) {
        this.next.set(p, start);
        if (again || group?.offset !== start) member.seek(p, start);
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
    if (atEnd) {
      streamTrace('at the end');
      this.stop();
    }
  }

  /** An --exit-at-end run that stopped moving fails with where it stands, instead of waiting forever. */
  private checkStall(): void {
    if (!this.options.exitAtEnd || this.stopping) return;
    const limit = this.options.stallTimeoutMs ?? STALL_TIMEOUT_MS;
    const still = performance.now() - this.movedAt;
    if (still < limit) return;
    const held =
      this.assigned === null
        ? 'no partitions assigned yet'
        : `partitions ${this.assigned
            .map((p) => `${p} at ${this.positions.get(p)?.next ?? '?'} of ${this.ends.get(p) ?? 0n}`)
            .join(', ')}`;
    const state = this.rebalancing ? `; the group is rebalancing (${this.rebalancing.message})` : '';
    streamTrace(`stalled for ${Math.round(still / 1000)} s: ${held}${state}`);
    this.stopping = true;
    this.failure?.(
      new AppError(
        'UPSTREAM_UNAVAILABLE',
        `stream consume --exit-at-end: group ${this.options.group} on topic ${this.options.topic} has not moved ` +
          `for ${Math.round(still / 1000)} s (${held}${state}). Nothing past what was committed is stored; ` +
          'check that the brokers answer and that no other member holds the group in a rebalance, then run it again ' +
          '(it resumes from the stored offsets).',
      ),
    );
  }

  private async handle(batch: MessageBatch): Promise<void> {
    // The starts of a new assignment first; another may have come meanwhile.
    for (let ready = this.ready; ; ready = this.ready) {
      await ready;
      if (ready === this.ready) break;
    }
    const p = batch.partition;
    streamTrace(
      `fetched ${p}: ${batch.messages[0]?.offset}..${batch.messages.at(-1)?.offset} (${batch.messages.length}), high ${batch.highWatermark}${batch.isStale() ? ', stale' : ''}${this.assigned?.includes(p) !== true ? ', not held' : ''}${this.rebalancing ? ', rebalancing' : ''}`,
    );
    // Stopping: what was buffered is being stored; what comes now is left to the partitions' next owner.
    // (Storing it would commit while the client is leaving, which it answers by rejoining the group —
    // one more rebalance, 29 s on the mock, before this member is really gone.)
    if (this.stopping) return;
    // The group is rebalancing (a commit was refused): handed back, the refusal makes the client rejoin now.
    if (this.rebalancing) throw this.rebalancing;
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
    const member = this.member;
    let committedToGroup = false;
    try {
      // The batch was fetched under this assignment; under another, its partitions may be another's.
      const checkGeneration = () => {
        if (generation !== this.generation || this.rebalancing || member === null || member !== this.member)
          throw rebalanceError(
            'the group was rebalanced while this batch was written: its next owner reads it again',
          );
      };
      checkGeneration();
      const written = await this.sink.write({
        group: this.options.group,
        topic: this.options.topic,
        decided: decideEvents(messages, this.now()),
        spans: ends,
        createUsers: this.options.createUsers,
        startedAt: started,
        lastStep: async (rejected) => {
          // Sent before the batch commits (on a file): a kill in between sends them again (at least once).
          await this.sendDeadLetters(rejected);
          if (this.sink.shared) {
            // The server's offsets are the truth; the group's are for lag tools, and a refusal changes nothing.
            await member?.commit(this.groupOffsets(ends, 'next')).catch(() => undefined);
            return;
          }
          // The last step of the transaction: a refusal (the group is rebalancing) rolls it back.
          checkGeneration();
          await member!.commit(this.groupOffsets(ends, 'next'));
          committedToGroup = true;
        },
      });
      const { outcome, rejected } = written;
      streamTrace(
        `stored ${messages.length} events: ${[...ends].map(([p, e]) => `${p}:${e.from}..${e.next}`).join(' ')}`,
      );
      this.totals.events += messages.length - written.skipped;
      this.totals.skipped += written.skipped;
      this.totals.listensStored += outcome.inserted;
      this.totals.duplicates += outcome.duplicates + outcome.merged;
      this.totals.rejects += rejected.length;
      if (this.deadLetter) this.totals.deadLettered += rejected.length;
      this.totals.batches++;
      this.totals.lastBatchMs = Math.round(performance.now() - started);
      this.totals.maxBatchMs = Math.max(this.totals.maxBatchMs, this.totals.lastBatchMs);
      this.movedAt = performance.now();
      for (const [partition, next] of written.stored) {
        const e = ends.get(partition);
        this.stored.set(partition, max(next, e?.next ?? next));
        this.positions.set(partition, { next: max(next, e?.next ?? next), end: e?.end ?? next });
      }
    } catch (err) {
      if (committedToGroup && member) {
        // The group took offsets that the database did not keep: they are put back. Should that fail
        // too, this member's next start finds them under its own name and reads from where they began.
        await member.commit(this.groupOffsets(ends, 'from')).catch(() => undefined);
      }
      streamTrace(
        `batch of ${messages.length} not stored (generation ${generation}, now ${this.generation}): ${(err as Error).message}`,
      );
      if (isAppError(err) && err.code === 'CONFLICT') {
        // A server refused a batch that starts past the offsets it stored: this member's partitions
        // start again from the server's offsets, as after an assignment (the group is not rebalancing).
        if (generation === this.generation && member && member === this.member && this.assigned)
          this.assign(member, this.assigned, true);
      } else if (isRebalanceError(err)) {
        // Not stored, not committed: the partitions' next owner (maybe this member) reads them again.
        // A batch of an earlier assignment says nothing of the current one: marking the current one
        // as rebalancing would stop this member's flushes for good when the group is in fact stable
        // (the member would wait for a rejoin that nothing asks for, and never reach its end).
        if (generation === this.generation) this.rebalancing ??= err as Error;
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
    this.options.onBatch?.(this.progress());
    this.checkEnd();
  }

  private async sendDeadLetters(rejected: readonly DecidedEvent<StreamMessage>[]): Promise<void> {
    if (rejected.length === 0 || !this.deadLetter) return;
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

  private groupOffsets(ends: ReadonlyMap<number, PartitionSpan>, which: 'from' | 'next'): GroupOffset[] {
    return [...ends].map(([partition, e]) => ({
      partition,
      offset: e[which],
      metadata: commitMetadata(this.databaseId, e.from),
    }));
  }
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
