-- What the sessions that lost listens are rebuilt from: the quarters they span, as they are once the
-- delta's listens are taken away (rollup_quarters is updated first). Sessions are more than a gap
-- apart, so the quarters between a session's first and last start hold its listens and no other's:
-- each quarter is matched to the latest replaced session starting at or before it, and kept if that
-- session's last start is not before it. $from_us..$to_us (replaced-sessions-span.sql) bound the scan.
INSERT INTO rollup_session_pieces
SELECT q.user_id, q.first_start_us, q.last_start_us, q.last_end_us, q.plays
FROM rollup_quarters q
ASOF JOIN (
  SELECT s.user_id, s.start_us, s.last_start_us
  FROM rollup_sessions s
  JOIN rollup_sessions_replaced r ON r.user_id = s.user_id AND r.start_us = s.start_us
) s ON s.user_id = q.user_id AND q.first_start_us >= s.start_us
WHERE q.quarter >= fdiv($from_us::BIGINT, 900000000)::BIGINT AND q.quarter <= fdiv($to_us::BIGINT, 900000000)::BIGINT
  AND q.first_start_us <= s.last_start_us
