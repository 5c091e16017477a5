-- sessions.sql from pieces instead of listens, none holding a silence longer than the gap:
-- session_pieces stands for kept_session_pieces (whole kept sessions and quarter hours, for the gap
-- rollup_sessions keeps) or quarter_session_pieces (groups of quarter hours), the statistic says
-- which. Pieces in start order, a new session wherever the silence from the latest end of every
-- earlier piece to the next start is longer than the gap. Count, mean and median listens and
-- minutes, and the longest session (the earliest when tied). No two pieces start at the same instant
-- (each lies in its own session or quarters), so the order is total.
WITH pieces AS (
  SELECT * FROM session_pieces($user_id, $from_ms, $to_ms, $quarters)
),
gaps AS (
  SELECT *,
         first_start_us - max(last_end_us) OVER (
           ORDER BY first_start_us ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS silence_us
  FROM pieces
),
numbered AS (
  SELECT *,
         sum(CASE WHEN silence_us IS NULL OR silence_us > $gap_ms::BIGINT * 1000 THEN 1 ELSE 0 END)
           OVER (ORDER BY first_start_us ROWS UNBOUNDED PRECEDING) AS session
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
