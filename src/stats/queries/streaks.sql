-- Runs of consecutive local days with at least one listen in [from, to): the longest (the most
-- recent when tied), the current one (ending today or yesterday), and the number of active days.
WITH days AS (
  SELECT DISTINCT local_start::DATE AS day
  FROM local_listen_buckets($user_id, $from_ms, $to_ms, $width_ms, $shift_ms, $segment_starts, $segment_offsets)
),
runs AS (
  -- Consecutive days share day − (its position): the classic gaps-and-islands key.
  SELECT day, day - CAST(row_number() OVER (ORDER BY day) AS INTEGER) AS run FROM days
),
streaks AS (
  SELECT min(day) AS first_day, max(day) AS last_day, count(*) AS days FROM runs GROUP BY run
),
longest AS (
  SELECT 'longest' AS kind, * FROM streaks ORDER BY days DESC, last_day DESC LIMIT 1
),
current_run AS (
  SELECT 'current' AS kind, * FROM streaks
  WHERE last_day >= CAST($today AS DATE) - 1 AND last_day <= CAST($today AS DATE)
  ORDER BY last_day DESC LIMIT 1
)
SELECT kind, strftime(first_day, '%Y-%m-%d') AS first_day, strftime(last_day, '%Y-%m-%d') AS last_day,
       days, (SELECT count(*) FROM days) AS active_days
FROM (SELECT * FROM longest UNION ALL SELECT * FROM current_run)
UNION ALL
SELECT 'active', NULL, NULL, NULL, (SELECT count(*) FROM days)
