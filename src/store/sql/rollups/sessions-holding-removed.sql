-- Before listens leave (the delta's quarters): the stored sessions that hold them. Only those can
-- change (split, shrink or vanish): a removed listen never joined two sessions. A quarter's listens
-- all belong to one session, since a quarter is shorter than the gap.
INSERT INTO rollup_sessions_replaced
SELECT DISTINCT s.user_id, s.start_us
FROM rollup_sessions s
JOIN rollup_delta_quarters d
  ON d.user_id = s.user_id AND d.first_start_us >= s.start_us AND d.first_start_us <= s.last_start_us
