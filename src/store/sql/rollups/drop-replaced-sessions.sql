-- Removes the sessions a delta replaces (rollup_sessions_replaced); their pieces are already read.
DELETE FROM rollup_sessions s
USING rollup_sessions_replaced r
WHERE s.user_id = r.user_id AND s.start_us = r.start_us
