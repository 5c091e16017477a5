-- Per-connection work tables of applyListenDelta (src/store/rollups.ts), empty between calls: the
-- listens of one delta, their quarters, and the sessions a delta replaces and the pieces they are
-- rebuilt from.
CREATE TEMP TABLE IF NOT EXISTS rollup_delta (
  id BIGINT, user_id INTEGER, listened_at TIMESTAMP, recording_id INTEGER, artist_credit_id INTEGER,
  release_id INTEGER, release_group_mbid VARCHAR, duration_ms INTEGER, played_ms INTEGER,
  source VARCHAR, platform VARCHAR, country VARCHAR, client VARCHAR
);
CREATE TEMP TABLE IF NOT EXISTS rollup_delta_quarters (
  user_id INTEGER, quarter BIGINT, plays BIGINT, known_ms BIGINT, unknown_plays BIGINT,
  first_start_us BIGINT, last_start_us BIGINT, last_end_us BIGINT, refresh BOOLEAN
);
CREATE TEMP TABLE IF NOT EXISTS rollup_sessions_replaced (user_id INTEGER, start_us BIGINT);
CREATE TEMP TABLE IF NOT EXISTS rollup_session_pieces (
  user_id INTEGER, first_start_us BIGINT, last_start_us BIGINT, last_end_us BIGINT, listens BIGINT
);
