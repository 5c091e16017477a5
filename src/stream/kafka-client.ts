/**
 * Our Kafka interface and its one implementation, on KafkaJS 2.2.4: the only file that imports it,
 * so that changing the client is changing this file. KafkaJS speaks the protocol in JavaScript (no
 * native binary to download at install) and is accepted by librdkafka's mock cluster, the tests'
 * endpoint.
 */
import { appendFileSync } from 'node:fs';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Consumer,
  type LogEntry,
  type Producer as KafkaProducer,
} from 'kafkajs';
import { AppError } from '../domain/errors.js';

/**
 * `LISTENHOUSE_STREAM_TRACE=FILE`: the consumer's joins, assignments, starts, batches, commits and
 * refusals, with KafkaJS's own log (info and up), appended to FILE, one timestamped line each — for
 * diagnosing a group that does not move. A file, not stderr: stderr carries the progress lines.
 */
const TRACE_FILE = process.env.LISTENHOUSE_STREAM_TRACE;

export function streamTrace(message: string): void {
  if (!TRACE_FILE) return;
  appendFileSync(TRACE_FILE, `${new Date().toISOString()} pid ${process.pid} ${message}\n`);
}

export interface StreamMessage {
  partition: number;
  offset: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface MessageBatch {
  topic: string;
  partition: number;
  /** The partition's end (next offset to be written) when the batch was fetched. */
  highWatermark: bigint;
  messages: readonly StreamMessage[];
  /** True once a seek made after the fetch is waiting for the partition: the batch is not to be stored. */
  isStale(): boolean;
}

export interface OutgoingMessage {
  key: string | Buffer | null;
  value: string | Buffer;
  headers?: Record<string, string>;
}

export interface GroupOffset {
  partition: number;
  /** The next offset to read. */
  offset: bigint;
  /** What the committer wrote beside it (who committed, from where). */
  metadata?: string;
}

export interface GroupMember {
  /**
   * Consumes until `stop`: `handle` gets each fetched batch (one partition's messages, in order);
   * the next fetch of that partition starts after it. Nothing is committed to the group but what
   * `commit` is given. When `handle` throws, the batch is fetched again after a pause; when it throws
   * an error `isRebalanceError` recognises, the member rejoins the group first.
   */
  run(handle: (batch: MessageBatch) => Promise<void>): Promise<void>;
  /**
   * Commits the group's offsets for partitions of the topic, in this member's generation: refused
   * (with an error `isRebalanceError` recognises) once the group is rebalancing or has moved on.
   */
  commit(offsets: readonly GroupOffset[]): Promise<void>;
  /** The next fetch of `partition` starts at `offset`; batches fetched before are not handed over. */
  seek(partition: number, offset: bigint): void;
  /** Called with the partitions of the topic this member holds after each rebalance. */
  onAssignment(listener: (partitions: number[]) => void): void;
  /** Called when the member learns that the group is rebalancing (before it rejoins). */
  onRebalancing(listener: () => void): void;
  /** Called when the member stopped on its own (a failure it could not recover from). */
  onCrash(listener: (error: Error) => void): void;
  stop(): Promise<void>;
}

export interface StreamProducer {
  /** Resolves once every broker in sync acknowledged (acks=all). */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

export interface StreamClient {
  member(options: { group: string; topic: string }): Promise<GroupMember>;
  producer(): Promise<StreamProducer>;
  /** Each partition's end (the offset the next message will get). */
  partitionEnds(topic: string): Promise<Map<number, bigint>>;
  /** The offsets the group committed per partition, with their metadata (absent: none). */
  committedOffsets(group: string, topic: string): Promise<Map<number, GroupOffset>>;
  close(): Promise<void>;
}

/** `host:port[,host:port…]`, checked: a bad list is a usage error, not a hang. */
export function parseBrokers(list: string): string[] {
  const brokers = list
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const bad = brokers.find((b) => !/^[^\s:]+:\d{1,5}$/.test(b));
  if (brokers.length === 0 || bad !== undefined)
    throw new AppError(
      'INVALID_INPUT',
      `--brokers ${JSON.stringify(list)}: give HOST:PORT[,HOST:PORT…], like localhost:9092`,
    );
  return brokers;
}

/**
 * Whether `error` says that the group is rebalancing or has moved to a new generation without this
 * member: what this member did not commit before is no longer its to commit.
 */
export function isRebalanceError(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return (
    type === 'REBALANCE_IN_PROGRESS' ||
    type === 'ILLEGAL_GENERATION' ||
    type === 'UNKNOWN_MEMBER_ID' ||
    type === 'NOT_COORDINATOR_FOR_GROUP'
  );
}

/** An error `isRebalanceError` recognises (and KafkaJS too: handed back from a batch, it rejoins). */
export function rebalanceError(message: string): Error {
  return Object.assign(new Error(message), { type: 'REBALANCE_IN_PROGRESS' });
}

/** Largest fetch per partition: big micro-batches make fewer transactions. */
const MAX_BYTES_PER_PARTITION = 8 * 1024 * 1024;

export function connectKafka(options: { brokers: readonly string[]; clientId?: string }): StreamClient {
  const kafka = new Kafka({
    clientId: options.clientId ?? 'listenhouse',
    brokers: [...options.brokers],
    // LH_KAFKA_LOG: KafkaJS's debug log (to the trace file when there is one, else to the console).
    logLevel: process.env.LH_KAFKA_LOG ? logLevel.DEBUG : TRACE_FILE ? logLevel.INFO : logLevel.NOTHING,
    ...(TRACE_FILE
      ? {
          logCreator:
            () =>
            ({ namespace, label, log }: LogEntry) => {
              const extra = Object.entries(log).filter(
                ([k]) => !['message', 'timestamp', 'logger'].includes(k),
              );
              streamTrace(
                `kafkajs ${label} ${namespace}: ${log.message} ${JSON.stringify(Object.fromEntries(extra))}`,
              );
            },
        }
      : {}),
    connectionTimeout: 5000,
    // The consumer's event loop is busy for a second or more while a large micro-batch is normalised:
    // a response read late is not a broker that failed (KafkaJS would drop the connection, and the
    // group its member).
    requestTimeout: 60_000,
    enforceRequestTimeout: false,
    retry: { retries: 8, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  let adminConnected: Promise<void> | null = null;
  let closed = false;
  const connectedAdmin = async () => {
    // Connected after close, the admin would keep the process alive with nobody to disconnect it.
    if (closed) throw new AppError('UPSTREAM_UNAVAILABLE', 'the Kafka client is closed');
    adminConnected ??= admin.connect();
    await adminConnected;
    return admin;
  };
  const closers: (() => Promise<void>)[] = [];

  return {
    async member({ group, topic }) {
      const consumer: Consumer = kafka.consumer({
        groupId: group,
        maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
        maxBytes: 4 * MAX_BYTES_PER_PARTITION,
        maxWaitTimeInMs: 250,
        sessionTimeout: 30_000,
        heartbeatInterval: 3000,
        retry: { retries: 5, initialRetryTime: 300 },
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      closers.push(() => consumer.disconnect());
      const assignment: ((partitions: number[]) => void)[] = [];
      const crash: ((error: Error) => void)[] = [];
      const rebalancing: (() => void)[] = [];
      // KafkaJS answers a commit asked of a member that is not running (stopping, or crashed) by doing
      // nothing, without an error: a commit counts only when the broker's acceptance was seen.
      let commitsAccepted = 0;
      consumer.on(consumer.events.COMMIT_OFFSETS, () => void commitsAccepted++);
      consumer.on(consumer.events.GROUP_JOIN, (e) => {
        const partitions = e.payload.memberAssignment[topic] ?? [];
        streamTrace(`joined ${group} as ${e.payload.memberId}: partitions ${JSON.stringify(partitions)}`);
        for (const listener of assignment) listener([...partitions].sort((a, b) => a - b));
      });
      consumer.on(consumer.events.REBALANCING, () => {
        streamTrace(`rebalancing ${group}`);
        for (const listener of rebalancing) listener();
      });
      consumer.on(consumer.events.CRASH, (e) => {
        streamTrace(`crash (restart: ${e.payload.restart}): ${e.payload.error.message}`);
        if (!e.payload.restart) for (const listener of crash) listener(e.payload.error);
      });
      return {
        onAssignment: (listener) => void assignment.push(listener),
        onRebalancing: (listener) => void rebalancing.push(listener),
        onCrash: (listener) => void crash.push(listener),
        run: (handle) =>
          consumer.run({
            autoCommit: false,
            eachBatchAutoResolve: false,
            partitionsConsumedConcurrently: 1,
            eachBatch: async (payload) => {
              const { batch } = payload;
              if (!payload.isRunning() || payload.isStale() || batch.messages.length === 0) return;
              await handle({
                topic: batch.topic,
                partition: batch.partition,
                highWatermark: BigInt(batch.highWatermark),
                isStale: () => payload.isStale(),
                messages: batch.messages.map((m) => ({
                  partition: batch.partition,
                  offset: BigInt(m.offset),
                  key: m.key,
                  value: m.value,
                  headers: Object.fromEntries(
                    Object.entries(m.headers ?? {}).map(([k, v]) => [
                      k,
                      Buffer.isBuffer(v) ? v.toString('utf8') : String(v),
                    ]),
                  ),
                })),
              });
              // A seek asked for while the batch was handled wins: the next fetch starts there.
              if (!payload.isStale())
                payload.resolveOffset(batch.messages[batch.messages.length - 1]!.offset);
            },
          }),
        commit: async (offsets) => {
          const before = commitsAccepted;
          await consumer
            .commitOffsets(
              offsets.map((o) => ({
                topic,
                partition: o.partition,
                offset: o.offset.toString(),
                ...(o.metadata !== undefined ? { metadata: o.metadata } : {}),
              })),
            )
            .catch((error: Error & { cause?: unknown }) => {
              streamTrace(`commit refused: ${error.message}`);
              // KafkaJS wraps the broker's refusal; handed back bare, it tells eachBatch's caller
              // (and so KafkaJS itself) to rejoin the group at once.
              throw isRebalanceError(error.cause) ? (error.cause as Error) : error;
            });
          if (commitsAccepted === before)
            throw rebalanceError('this member is no longer consuming: the group did not take the commit');
        },
        seek: (partition, offset) => {
          streamTrace(`seek ${partition} to ${offset}`);
          consumer.seek({ topic, partition, offset: offset.toString() });
        },
        stop: () => consumer.disconnect(),
      };
    },

    async producer() {
      const producer: KafkaProducer = kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        allowAutoTopicCreation: true,
      });
      await producer.connect();
      closers.push(() => producer.disconnect());
      return {
        async send(topic, messages) {
          await producer.send({
            topic,
            acks: -1,
            messages: messages.map((m) => ({
              key: m.key,
              value: m.value,
              ...(m.headers ? { headers: m.headers } : {}),
            })),
          });
        },
        close: () => producer.disconnect(),
      };
    },

    async partitionEnds(topic) {
      const offsets = await (await connectedAdmin()).fetchTopicOffsets(topic);
      return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    },

    async committedOffsets(group, topic) {
      const [found] = await (await connectedAdmin()).fetchOffsets({ groupId: group, topics: [topic] });
      const committed = new Map<number, GroupOffset>();
      for (const p of found?.partitions ?? [])
        if (Number(p.offset) >= 0)
          committed.set(p.partition, {
            partition: p.partition,
            offset: BigInt(p.offset),
            ...(p.metadata ? { metadata: p.metadata } : {}),
          });
      return committed;
    },

    async close() {
      closed = true;
      for (const close of closers.reverse()) await close().catch(() => undefined);
      if (adminConnected) await admin.disconnect().catch(() => undefined);
    },
  };
}
