-- Listening sessions in [from, to): a session ends when nothing has been playing for more than the
-- gap — from the latest end of any earlier listen (start + played_ms, else + duration_ms, else the
-- start itself) to the next start. Count, mean and median length, and the longest session.
-- Listens are grouped into buckets as long as the gap, counted from the range's start (so never
-- negative: DuckDB's // truncates toward zero). A session can't break inside a bucket — an earlier
-- listen in it started less than a gap before and ended no sooner than it started — so the window
-- functions run over buckets (≤ 175k in ten years) instead of sorting millions of listens.
WITH buckets AS (
  SELECT (epoch_us(listened_at) - $from_ms::BIGINT * 1000) // ($gap_ms::BIGINT * 1000) AS bucket,
         count(*) AS listens,
         min(epoch_us(listened_at)) AS first_start_us,
         max(epoch_us(listened_at) + coalesce(played_ms, duration_ms, 0)::BIGINT * 1000) AS last_end_us
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
  GROUP BY bucket
),
gaps AS (
  SELECT *,
         first_start_us - max(last_end_us) OVER (ORDER BY bucket ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
           AS silence_us
  FROM buckets
),
numbered AS (
  SELECT *,
         sum(CASE WHEN silence_us IS NULL OR silence_us > $gap_ms::BIGINT * 1000 THEN 1 ELSE 0 END)
           OVER (ORDER BY bucket ROWS UNBOUNDED PRECEDING) AS session
  FROM gaps
),
sessions AS (
  SELECT sum(listens) AS listens, min(first_start_us) AS start_us, max(last_end_us) AS end_us
  FROM numbered
  GROUP BY session
),
longest AS (
  SELECT * FROM sessions ORDER BY end_us - start_us DESC, start_us LIMIT 1
)
SELECT (SELECT count(*) FROM sessions) AS sessions,
       (SELECT avg(listens) FROM sessions) AS mean_listens,
       (SELECT median(listens) FROM sessions) AS median_listens,
       (SELECT avg(end_us - start_us) / 60e6 FROM sessions) AS mean_minutes,
       (SELECT median(end_us - start_us) / 60e6 FROM sessions) AS median_minutes,
       make_timestamp(l.start_us) AS longest_start,
       make_timestamp(l.end_us) AS longest_end,
       l.listens AS longest_listens,
       (l.end_us - l.start_us) / 60e6 AS longest_minutes
FROM (SELECT 1) AS one
LEFT JOIN longest l ON true
