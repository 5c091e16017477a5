-- What sessions-of-pieces.sql rebuilds sessions from for a gap of 15 minutes or more that
-- rollup_sessions does not keep: a user's quarters in [from, to) (rollup_quarters_in), grouped
-- p_quarters at a time so that a group is no longer than the gap and no session breaks inside it.
CREATE OR REPLACE TEMP MACRO quarter_session_pieces(p_user_id, p_from_ms, p_to_ms, p_quarters) AS TABLE
SELECT min(first_start_us) AS first_start_us, max(last_end_us) AS last_end_us, sum(plays) AS listens
FROM rollup_quarters_in(p_user_id, p_from_ms, p_to_ms)
GROUP BY fdiv(quarter, p_quarters)::BIGINT
