-- Every quarter of every user ($user_id NULL) or one, as the pieces rollup_sessions is rebuilt
-- from (insert-sessions-of-pieces.sql).
INSERT INTO rollup_session_pieces
SELECT user_id, first_start_us, last_start_us, last_end_us, plays
FROM rollup_quarters
WHERE $user_id::INTEGER IS NULL OR user_id = $user_id::INTEGER
