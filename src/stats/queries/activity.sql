-- Plays and listening time per local day, week (from Monday), month or year in [from, to), with a
-- zero row for every bucket of the range that has no listens. Open ends take the first or last
-- bucket with listens; $last_day is at least today for all_time.
WITH per_period AS (
  SELECT date_trunc($period, local_start)::DATE AS period_start,
         sum(plays) AS plays,
         coalesce(sum(known_ms), 0) AS known_ms,
         sum(unknown_plays) AS unknown_plays
  FROM local_listen_buckets($user_id, $from_ms, $to_ms, $width_ms, $shift_ms, $segment_starts, $segment_offsets)
  GROUP BY period_start
),
bounds AS (
  SELECT date_trunc($period, coalesce(CAST($first_day AS DATE), min(period_start)))::DATE AS first_start,
         date_trunc($period, greatest(CAST($last_day AS DATE), max(period_start)))::DATE AS last_start
  FROM per_period
),
series AS (
  SELECT unnest(generate_series(
           first_start, last_start,
           CASE $period WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY
                        WHEN 'month' THEN INTERVAL 1 MONTH ELSE INTERVAL 1 YEAR END))::DATE AS period_start
  FROM bounds
  WHERE first_start IS NOT NULL AND last_start IS NOT NULL
)
SELECT strftime(s.period_start, '%Y-%m-%d') AS start,
       coalesce(p.plays, 0) AS plays,
       coalesce(p.known_ms, 0) AS known_ms,
       coalesce(p.unknown_plays, 0) AS unknown_plays
FROM series s
LEFT JOIN per_period p ON p.period_start = s.period_start
ORDER BY s.period_start
