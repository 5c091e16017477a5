/**
 * The Kafka consumer's tables (migration 016): stored offsets per (group, topic, partition), the
 * events as received, the committed micro-batches. `recordStreamBatch` runs inside the write path's
 * transaction (ListenWriter.writeBatch's `alsoInTransaction`), so offsets and listens commit together.
 */
import { connectionOf } from './connection.js';
import type { Database } from './database.js';
import { big, num, numOrNull, str, type Row } from './rows.js';

export interface StreamEventRow {
  partition: number;
  offset: bigint;
  eventId: string | null;
  eventType: string | null;
  userName: string | null;
  /** UTC epoch ms. */
  listenedAt: number | null;
  artistName: string | null;
  trackName: string | null;
  platform: string | null;
  device: string | null;
  country: string | null;
  genre: string | null;
  rejectReason: string | null;
  raw: string;
}

export interface PartitionProgress {
  partition: number;
  nextOffset: bigint;
  highWatermark: bigint;
  events: number;
  rejects: number;
}

export interface StreamBatchRecord {
  group: string;
  topic: string;
  partitions: readonly PartitionProgress[];
  events: readonly StreamEventRow[];
  listens: number;
  duplicates: number;
  rejects: number;
  lag: number;
  millis: number;
}

/** The next offset to store per partition of `topic` for `group` (absent: nothing stored yet). */
export async function readStreamOffsets(
  db: Database,
  group: string,
  topic: string,
): Promise<Map<number, bigint>> {
  const rows = await db.all(
    'SELECT "partition" AS p, next_offset FROM stream_offsets WHERE group_id = ? AND topic = ?',
    [group, topic],
  );
  return new Map(rows.map((r) => [num(r.p, 'partition'), big(r.next_offset, 'next_offset')]));
}

/** This database's name in the offsets its consumer commits to Kafka (migration 021). */
export async function readStreamDatabaseId(db: Database): Promise<string> {
  const [row] = await db.all('SELECT id FROM stream_database LIMIT 1');
  return str(row?.id, 'stream_database.id');
}

/**
 * Where a batch's events are appended (the Appender: no JSON document to build and parse) before one
 * INSERT … SELECT moves them to stream_events. Per connection; emptied by each batch before it
 * commits, and a rollback takes what it appended away with it.
 */
const STAGE_EVENTS = `CREATE TEMP TABLE IF NOT EXISTS stage_stream_events (
  "partition" INTEGER, "offset" BIGINT, event_id VARCHAR, event_type VARCHAR, user_name VARCHAR,
  listened_at_ms BIGINT, artist_name VARCHAR, track_name VARCHAR, platform VARCHAR, device VARCHAR,
  country VARCHAR, genre VARCHAR, reject_reason VARCHAR, raw VARCHAR)`;

async function insertStreamEvents(
  db: Database,
  topic: string,
  events: readonly StreamEventRow[],
): Promise<void> {
  await db.run(STAGE_EVENTS);
  const appender = await connectionOf(db).createAppender('stage_stream_events', 'main', 'temp');
  const text = (value: string | null) =>
    value === null ? appender.appendNull() : appender.appendVarchar(value);
  try {
    for (const e of events) {
      appender.appendInteger(e.partition);
      appender.appendBigInt(e.offset);
      text(e.eventId);
      text(e.eventType);
      text(e.userName);
      if (e.listenedAt === null) appender.appendNull();
      else appender.appendBigInt(BigInt(Math.round(e.listenedAt)));
      text(e.artistName);
      text(e.trackName);
      text(e.platform);
      text(e.device);
      text(e.country);
      text(e.genre);
      text(e.rejectReason);
      appender.appendVarchar(e.raw);
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
  await db.run(
    `INSERT INTO stream_events (topic, "partition", "offset", received_at, event_id, event_type, user_name,
       listened_at, artist_name, track_name, platform, device, country, genre, reject_reason, raw)
     SELECT ?, "partition", "offset", current_localtimestamp(), event_id, event_type, user_name,
       make_timestamp(listened_at_ms * 1000), artist_name, track_name, platform, device, country, genre,
       reject_reason, raw
     FROM stage_stream_events ORDER BY "partition", "offset"`,
    [topic],
  );
  await db.run('DELETE FROM stage_stream_events');
}

/** Stores a micro-batch's offsets, events and monitoring row; call inside the batch's transaction. */
export async function recordStreamBatch(db: Database, batch: StreamBatchRecord): Promise<void> {
  for (const p of batch.partitions) {
    await db.run(
      `INSERT INTO stream_offsets (group_id, topic, "partition", next_offset, high_watermark, events, rejects, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, current_localtimestamp())
       ON CONFLICT DO UPDATE SET next_offset = excluded.next_offset, high_watermark = excluded.high_watermark,
         events = stream_offsets.events + excluded.events, rejects = stream_offsets.rejects + excluded.rejects,
         updated_at = excluded.updated_at`,
      [batch.group, batch.topic, p.partition, p.nextOffset, p.highWatermark, p.events, p.rejects],
    );
  }
  if (batch.events.length > 0) await insertStreamEvents(db, batch.topic, batch.events);
  await db.run(
    `INSERT INTO stream_batches (group_id, topic, committed_at, events, listens, duplicates, rejects, lag, millis)
     VALUES (?, ?, current_localtimestamp(), ?, ?, ?, ?, ?, ?)`,
    [
      batch.group,
      batch.topic,
      batch.events.length,
      batch.listens,
      batch.duplicates,
      batch.rejects,
      batch.lag,
      Math.round(batch.millis),
    ],
  );
}

export interface PartitionState {
  group: string;
  topic: string;
  partition: number;
  nextOffset: number;
  lag: number;
  events: number;
  rejects: number;
  updatedAt: Date;
}

/** Every stored position, with its lag as of its last batch. */
export async function listStreamPartitions(db: Database): Promise<PartitionState[]> {
  const rows = await db.all(
    `SELECT group_id, topic, "partition" AS p, next_offset, high_watermark - next_offset AS lag, events, rejects, updated_at
     FROM stream_offsets ORDER BY group_id, topic, "partition"`,
  );
  return rows.map((r: Row) => ({
    group: str(r.group_id, 'group_id'),
    topic: str(r.topic, 'topic'),
    partition: num(r.p, 'partition'),
    nextOffset: num(r.next_offset, 'next_offset'),
    lag: Math.max(0, numOrNull(r.lag, 'lag') ?? 0),
    events: num(r.events, 'events'),
    rejects: num(r.rejects, 'rejects'),
    updatedAt: r.updated_at as Date,
  }));
}
