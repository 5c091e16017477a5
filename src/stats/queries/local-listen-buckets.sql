-- A user's listens in [from, to) grouped into UTC buckets that each lie inside one local hour of a
-- time zone, each with its local start time: the base of activity, listening clock and streaks.
-- Converting 10M listens one by one with ICU takes seconds; converting ~90k hourly buckets by
-- offset takes milliseconds. Width, phase and the zone's offset segments come from
-- src/stats/time-zone.ts (bucketGrid, offsetSegments), which explains why the result is exact.
-- Segments arrive as comma-separated µs lists: starts ascending, the first before any bucket.
CREATE OR REPLACE TEMP MACRO local_listen_buckets(
  p_user_id, p_from_us, p_to_us, p_width_us, p_phase_us, p_segment_starts, p_segment_offsets
) AS TABLE
WITH buckets AS (
  SELECT (epoch_us(listened_at) + p_phase_us) // p_width_us AS bucket,
         count(*) AS plays,
         sum(coalesce(played_ms, duration_ms)) AS known_ms,
         count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays
  FROM listens
  WHERE user_id = p_user_id
    AND listened_at >= make_timestamp(p_from_us) AND listened_at < make_timestamp(p_to_us)
  GROUP BY bucket
),
segments AS (
  SELECT unnest(string_split(p_segment_starts, ',')::BIGINT[]) AS start_us,
         unnest(string_split(p_segment_offsets, ',')::BIGINT[]) AS offset_us
)
SELECT make_timestamp(b.bucket * p_width_us - p_phase_us + s.offset_us) AS local_start,
       b.plays, b.known_ms, b.unknown_plays
FROM buckets b
ASOF JOIN segments s ON b.bucket * p_width_us - p_phase_us >= s.start_us
