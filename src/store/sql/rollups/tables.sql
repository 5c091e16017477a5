-- Per-user rollups of the listens (src/store/rollups.ts keeps them in the same transaction as the
-- listens they sum, so every statistic sees an insert, a correction or a deletion at once). All
-- buckets are UTC: a quarter hour lies inside one local hour of every zone whose offsets are whole
-- quarter hours, so the statistics map them to any such zone exactly. Listening time is played_ms,
-- else duration_ms; plays with neither count in unknown_plays. Times are epoch microseconds.

-- Plays per UTC quarter hour: activity, the listening clock, streaks, totals, sessions' edges.
CREATE TABLE rollup_quarters (
  user_id        INTEGER NOT NULL,
  quarter        BIGINT NOT NULL,                      -- floor(epoch µs of the start / 900 000 000)
  plays          BIGINT NOT NULL,
  known_ms       BIGINT NOT NULL,
  unknown_plays  BIGINT NOT NULL,
  first_start_us BIGINT NOT NULL,                      -- the earliest start in the quarter
  last_start_us  BIGINT NOT NULL,                      -- the latest start
  last_end_us    BIGINT NOT NULL                       -- the latest end: start + played_ms, else duration_ms, else 0
);

-- The same per UTC hour: what the statistics read in zones whose offsets are whole hours (most), a
-- quarter of the rows.
CREATE TABLE rollup_hours (
  user_id       INTEGER NOT NULL,
  hour          BIGINT NOT NULL,                       -- floor(epoch µs of the start / 3 600 000 000)
  plays         BIGINT NOT NULL,
  known_ms      BIGINT NOT NULL,
  unknown_plays BIGINT NOT NULL
);

-- Every listening session for the default gap (ROLLUP_SESSION_GAP_MINUTES): the listens in start
-- order, split where nothing has played for longer than the gap (docs/statistics.md).
CREATE TABLE rollup_sessions (
  user_id       INTEGER NOT NULL,
  start_us      BIGINT NOT NULL,                       -- the first start
  last_start_us BIGINT NOT NULL,                       -- the last start
  end_us        BIGINT NOT NULL,                       -- the latest end
  listens       BIGINT NOT NULL
);

-- All-time plays per recording and release: the top lists and distinct counts of a range that holds
-- the user's whole history.
CREATE TABLE rollup_recordings (
  user_id       INTEGER NOT NULL,
  recording_id  INTEGER NOT NULL,
  plays         BIGINT NOT NULL,
  known_ms      BIGINT NOT NULL,
  unknown_plays BIGINT NOT NULL
);

CREATE TABLE rollup_releases (
  user_id       INTEGER NOT NULL,
  release_id    INTEGER NOT NULL,
  plays         BIGINT NOT NULL,
  known_ms      BIGINT NOT NULL,
  unknown_plays BIGINT NOT NULL
);

-- All-time plays per release and the release-group MBID its listens carried (only listens that
-- carry one): a release's group, when the release itself has no MBID, is the greatest of these.
CREATE TABLE rollup_release_groups (
  user_id            INTEGER NOT NULL,
  release_id         INTEGER NOT NULL,
  release_group_mbid VARCHAR NOT NULL,
  plays              BIGINT NOT NULL
);

-- All-time plays per credited artist: a listen counts once for every artist its credit names (once
-- for an artist the credit names twice), as the top artists count it. It follows the credit members
-- at the time of the write: a change to artist_credit_members must rebuild the rollups.
CREATE TABLE rollup_artists (
  user_id       INTEGER NOT NULL,
  artist_id     INTEGER NOT NULL,
  plays         BIGINT NOT NULL,
  known_ms      BIGINT NOT NULL,
  unknown_plays BIGINT NOT NULL
);

-- All-time plays per (first) source, platform, country and client as stored: the breakdowns.
CREATE TABLE rollup_sources (
  user_id  INTEGER NOT NULL,
  source   VARCHAR NOT NULL,
  platform VARCHAR,
  country  VARCHAR,
  client   VARCHAR,
  plays    BIGINT NOT NULL
);

-- The highest listen id the rollups hold: every listen with an id up to it is in them, none above
-- it. Live submissions store their listens first and leave them above it for a moment (a tail);
-- the tail is added before any statistic reads the rollups (src/store/rollups.ts, settleRollups).
CREATE TABLE IF NOT EXISTS rollup_state (applied_through BIGINT NOT NULL);
INSERT INTO rollup_state SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM rollup_state);
