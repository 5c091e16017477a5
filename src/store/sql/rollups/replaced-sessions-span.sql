-- The stretch of time the replaced sessions cover, in epoch µs: bounds for reading their quarters.
SELECT min(s.start_us) AS from_us, max(s.last_start_us) AS to_us
FROM rollup_sessions s
JOIN rollup_sessions_replaced r ON r.user_id = s.user_id AND r.start_us = s.start_us
