-- What the sessions near added listens are rebuilt from: each of those sessions whole (added listens
-- can join sessions but never split one) and the delta's quarters (a quarter is shorter than the gap,
-- so no session breaks inside it).
INSERT INTO rollup_session_pieces
SELECT s.user_id, s.start_us, s.last_start_us, s.end_us, s.listens
FROM rollup_sessions s
JOIN rollup_sessions_replaced r ON r.user_id = s.user_id AND r.start_us = s.start_us
UNION ALL
SELECT user_id, first_start_us, last_start_us, last_end_us, plays
FROM rollup_delta_quarters
