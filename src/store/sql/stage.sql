-- Per-connection staging tables: a batch is appended here, then merged into the store in one transaction.
CREATE TEMP TABLE IF NOT EXISTS stage_listens (
  seq INTEGER, user_id INTEGER, listened_at_ms BIGINT, stamped_edge VARCHAR, precision_s SMALLINT,
  duration_ms INTEGER, played_ms INTEGER, artist VARCHAR, track VARCHAR, release VARCHAR,
  credit_key VARCHAR, primary_artist_key VARCHAR, match_key VARCHAR, release_key VARCHAR,
  artist_mbids VARCHAR, recording_mbid VARCHAR, release_mbid VARCHAR, release_group_mbid VARCHAR,
  isrc VARCHAR, spotify_uri VARCHAR, source VARCHAR, format VARCHAR, source_record_id VARCHAR,
  client VARCHAR, platform VARCHAR, country VARCHAR, import_run_id BIGINT, raw VARCHAR
);
CREATE TEMP TABLE IF NOT EXISTS stage_credits (
  credit_key VARCHAR, credit_name VARCHAR, position SMALLINT, name VARCHAR, artist_key VARCHAR,
  join_phrase VARCHAR, mbid VARCHAR
);
CREATE TEMP TABLE IF NOT EXISTS stage_rejects (
  import_run_id BIGINT, user_id INTEGER, file VARCHAR, line INTEGER, status VARCHAR, reason VARCHAR,
  message VARCHAR, raw VARCHAR
);
