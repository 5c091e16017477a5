-- What the statistics (src/stats/) read of the rollups: temp macros a statistic (re)creates on its
-- connection before its queries (defineRollupReaders), so the tables' layout stays the store's.
-- Times are epoch µs, ranges [from, to) in epoch ms.

-- A user's plays per UTC quarter hour in [from, to), exactly: the quarters wholly inside from
-- rollup_quarters, the part of a quarter cut by either edge summed from the listens themselves
-- (two short scans the listens' zone maps narrow to the edges' row groups).
CREATE OR REPLACE TEMP MACRO rollup_quarters_in(p_user_id, p_from_ms, p_to_ms) AS TABLE
SELECT quarter, plays, known_ms, unknown_plays, first_start_us, last_start_us, last_end_us
FROM rollup_quarters
WHERE user_id = p_user_id
  AND quarter >= fdiv(p_from_ms::BIGINT + 899999, 900000)::BIGINT
  AND quarter < fdiv(p_to_ms::BIGINT, 900000)::BIGINT
UNION ALL
SELECT fdiv(epoch_us(listened_at), 900000000)::BIGINT AS quarter,
       count(*) AS plays,
       coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms,
       count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays,
       min(epoch_us(listened_at)) AS first_start_us,
       max(epoch_us(listened_at)) AS last_start_us,
       max(epoch_us(listened_at) + coalesce(played_ms, duration_ms, 0)::BIGINT * 1000) AS last_end_us
FROM listens
WHERE user_id = p_user_id
  AND listened_at >= epoch_ms(p_from_ms::BIGINT)
  AND listened_at < epoch_ms(least(p_to_ms::BIGINT, fdiv(p_from_ms::BIGINT + 899999, 900000)::BIGINT * 900000))
GROUP BY quarter
UNION ALL
SELECT fdiv(epoch_us(listened_at), 900000000)::BIGINT AS quarter,
       count(*) AS plays,
       coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms,
       count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays,
       min(epoch_us(listened_at)) AS first_start_us,
       max(epoch_us(listened_at)) AS last_start_us,
       max(epoch_us(listened_at) + coalesce(played_ms, duration_ms, 0)::BIGINT * 1000) AS last_end_us
FROM listens
WHERE user_id = p_user_id
  AND listened_at >= epoch_ms(greatest(fdiv(p_to_ms::BIGINT, 900000)::BIGINT,
                                       fdiv(p_from_ms::BIGINT + 899999, 900000)::BIGINT) * 900000)
  AND listened_at < epoch_ms(p_to_ms::BIGINT)
GROUP BY quarter;

-- A user's plays per UTC hour (hour = floor(epoch µs / 3 600 000 000)).
CREATE OR REPLACE TEMP MACRO rollup_hours_of(p_user_id) AS TABLE
SELECT hour, plays, known_ms, unknown_plays FROM rollup_hours WHERE user_id = p_user_id;

-- The first and last start of a user's listens (NULL without listens).
CREATE OR REPLACE TEMP MACRO rollup_span(p_user_id) AS TABLE
SELECT min(start_us) AS first_start_us, max(last_start_us) AS last_start_us
FROM rollup_sessions
WHERE user_id = p_user_id;

-- A user's sessions for the default gap (ROLLUP_SESSION_GAP_MINUTES in src/store/rollups.ts).
CREATE OR REPLACE TEMP MACRO rollup_sessions_of(p_user_id) AS TABLE
SELECT start_us, last_start_us, end_us, listens FROM rollup_sessions WHERE user_id = p_user_id;

-- A user's all-time plays, known time and plays of unknown length per recording and per release, and
-- the release-group MBIDs a release's listens carried (the greatest stands for a release without one).
CREATE OR REPLACE TEMP MACRO rollup_recordings_of(p_user_id) AS TABLE
SELECT recording_id, plays, known_ms, unknown_plays FROM rollup_recordings WHERE user_id = p_user_id;

CREATE OR REPLACE TEMP MACRO rollup_releases_of(p_user_id) AS TABLE
SELECT release_id, plays, known_ms, unknown_plays FROM rollup_releases WHERE user_id = p_user_id;

CREATE OR REPLACE TEMP MACRO rollup_listened_groups_of(p_user_id) AS TABLE
SELECT release_id, max(release_group_mbid) AS listened_group_mbid
FROM rollup_release_groups WHERE user_id = p_user_id
GROUP BY release_id;

-- A user's all-time plays, known time and plays of unknown length per credited artist.
CREATE OR REPLACE TEMP MACRO rollup_artists_of(p_user_id) AS TABLE
SELECT artist_id, plays, known_ms, unknown_plays FROM rollup_artists WHERE user_id = p_user_id;

-- A user's all-time plays per source, platform, country and client as stored.
CREATE OR REPLACE TEMP MACRO rollup_sources_of(p_user_id) AS TABLE
SELECT source, platform, country, client, plays FROM rollup_sources WHERE user_id = p_user_id;
