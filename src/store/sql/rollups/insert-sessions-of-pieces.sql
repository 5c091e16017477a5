-- The sessions made of the pieces in rollup_session_pieces (whole sessions, quarters): pieces in
-- start order, a new session wherever the silence from the latest end of every earlier piece to the
-- next start is longer than $gap_us — the rule of docs/statistics.md, exact at this grain because no
-- piece holds a silence that long. Pieces that start at the same instant are one piece first (they
-- belong to one session), so the order is total and both windows see the same one. (ROWS frames: a
-- RANGE frame ordered by the start costs seconds here where ROWS costs milliseconds.)
INSERT INTO rollup_sessions
WITH pieces AS (
  SELECT user_id, first_start_us, max(last_start_us) AS last_start_us, max(last_end_us) AS last_end_us,
         sum(listens) AS listens
  FROM rollup_session_pieces
  GROUP BY user_id, first_start_us
),
silences AS (
  SELECT *,
         first_start_us - max(last_end_us) OVER (
           PARTITION BY user_id ORDER BY first_start_us ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
         ) AS silence_us
  FROM pieces
),
numbered AS (
  SELECT *,
         sum(CASE WHEN silence_us IS NULL OR silence_us > $gap_us::BIGINT THEN 1 ELSE 0 END) OVER (
           PARTITION BY user_id ORDER BY first_start_us ROWS UNBOUNDED PRECEDING
         ) AS session
  FROM silences
)
SELECT user_id, min(first_start_us), max(last_start_us), max(last_end_us), sum(listens)
FROM numbered
GROUP BY user_id, session
