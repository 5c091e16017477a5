-- What sessions-of-pieces.sql rebuilds sessions from for the gap rollup_sessions keeps: each kept session
-- whose listens all start inside [from, to), whole, and, for a kept session cut by the range's edge,
-- the quarters of its part inside the range (rollup_quarters_in; sessions are more than a gap apart,
-- so the quarters between its first and last start are its own). sessions-of-pieces.sql joins them.
-- Quarters are grouped p_quarters at a time (a group stays shorter than the gap).
CREATE OR REPLACE TEMP MACRO kept_session_pieces(p_user_id, p_from_ms, p_to_ms, p_quarters) AS TABLE
WITH kept AS (
  SELECT start_us, last_start_us, end_us, listens,
         start_us >= p_from_ms::BIGINT * 1000 AND last_start_us < p_to_ms::BIGINT * 1000 AS inside
  FROM rollup_sessions_of(p_user_id)
  WHERE start_us < p_to_ms::BIGINT * 1000 AND last_start_us >= p_from_ms::BIGINT * 1000
),
cut AS (
  SELECT fdiv(start_us, 900000000)::BIGINT AS first_quarter, fdiv(last_start_us, 900000000)::BIGINT AS last_quarter
  FROM kept
  WHERE NOT inside
)
SELECT start_us AS first_start_us, end_us AS last_end_us, listens FROM kept WHERE inside
UNION ALL
SELECT min(q.first_start_us), max(q.last_end_us), sum(q.plays)
FROM rollup_quarters_in(p_user_id, p_from_ms, p_to_ms) q
JOIN cut c ON q.quarter >= c.first_quarter AND q.quarter <= c.last_quarter
GROUP BY fdiv(q.quarter, p_quarters)::BIGINT
