-- The Kafka consumer (src/stream): where each consumer group stands in each partition, written in
-- the same transaction as the listens of the batch that moved it (exactly-once effect); every event
-- as received (the lake's bronze table, and the likes, shares and skips of the batch metrics); and
-- one row per committed micro-batch, for the pipeline's monitoring.

CREATE TABLE stream_offsets (
  group_id        VARCHAR NOT NULL,
  topic           VARCHAR NOT NULL,
  "partition"     INTEGER NOT NULL,
  next_offset     BIGINT NOT NULL,           -- the first offset not stored yet
  high_watermark  BIGINT NOT NULL,           -- the partition's end when the batch was fetched
  events          BIGINT NOT NULL DEFAULT 0, -- consumed in this partition, all time
  rejects         BIGINT NOT NULL DEFAULT 0,
  updated_at      TIMESTAMP NOT NULL,
  PRIMARY KEY (group_id, topic, "partition")
);

CREATE SEQUENCE stream_event_ids START 1;

CREATE TABLE stream_events (
  id              BIGINT PRIMARY KEY DEFAULT nextval('stream_event_ids'),
  topic           VARCHAR NOT NULL,
  "partition"     INTEGER NOT NULL,
  "offset"        BIGINT NOT NULL,
  received_at     TIMESTAMP NOT NULL,
  event_id        VARCHAR,                   -- null when the message was not a readable event
  event_type      VARCHAR,                   -- listen | playing_now | like | share | skip
  user_name       VARCHAR,
  listened_at     TIMESTAMP,                 -- UTC
  artist_name     VARCHAR,
  track_name      VARCHAR,
  platform        VARCHAR,
  device          VARCHAR,
  country         VARCHAR,
  genre           VARCHAR,
  reject_reason   VARCHAR,                   -- null for an accepted event
  raw             VARCHAR NOT NULL           -- the message's bytes as text (UTF-8)
);

CREATE SEQUENCE stream_batch_ids START 1;

CREATE TABLE stream_batches (
  id              BIGINT PRIMARY KEY DEFAULT nextval('stream_batch_ids'),
  group_id        VARCHAR NOT NULL,
  topic           VARCHAR NOT NULL,
  committed_at    TIMESTAMP NOT NULL,
  events          INTEGER NOT NULL,
  listens         INTEGER NOT NULL,          -- newly stored
  duplicates      INTEGER NOT NULL,          -- already stored (replays) or merged into a stored listen
  rejects         INTEGER NOT NULL,
  lag             BIGINT NOT NULL,           -- events behind the partitions' ends after the batch
  millis          INTEGER NOT NULL           -- from fetch to commit
);
