-- Per-connection staging tables: a batch is appended here, then merged into the store in one transaction.
-- They are empty between batches: each batch clears what it staged before it commits (a rollback
-- takes its staged rows away with it), so the merge statements can be prepared once and kept.
CREATE TEMP TABLE IF NOT EXISTS stage_listens (
  seq INTEGER, user_id INTEGER, listened_at_ms BIGINT, stamped_edge VARCHAR, precision_s SMALLINT,
  duration_ms INTEGER, played_ms INTEGER, artist VARCHAR, track VARCHAR, release VARCHAR,
  artist_credit_id INTEGER, artist_id INTEGER, recording_id INTEGER, release_id INTEGER,
  artist_mbids VARCHAR, recording_mbid VARCHAR, release_mbid VARCHAR, release_group_mbid VARCHAR,
  isrc VARCHAR, spotify_uri VARCHAR, source VARCHAR, format VARCHAR, source_record_id VARCHAR,
  client VARCHAR, platform VARCHAR, country VARCHAR, import_run_id BIGINT, raw VARCHAR
);
CREATE TEMP TABLE IF NOT EXISTS stage_rejects (
  import_run_id BIGINT, user_id INTEGER, file VARCHAR, line INTEGER, status VARCHAR, reason VARCHAR,
  message VARCHAR, raw VARCHAR
);
CREATE TEMP TABLE IF NOT EXISTS stage_decisions (seq INTEGER, decision VARCHAR, listen_id BIGINT);
-- A bulk import's chunk (store/bulk-stage.ts): the catalogue ids of its tuples and its users' ids.
CREATE TEMP TABLE IF NOT EXISTS bulk_ids (
  tuple_id BIGINT, credit_id INTEGER, artist_id INTEGER, recording_id INTEGER, release_id INTEGER
);
CREATE TEMP TABLE IF NOT EXISTS bulk_users (name VARCHAR, user_id INTEGER);
