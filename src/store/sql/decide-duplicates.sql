-- Which staged listens are already stored: 'duplicate' when the same record (user, start, recording,
-- format) is stored exactly; 'merge' when another source stored the play within the time tolerance
-- (start vs end stamping, minute precision). Matches are one-to-one, so a real repeat stays two listens.
-- The tolerances are bound from src/domain/dedup-tolerances.ts (seconds): $reach_s, $slack_s,
-- $end_stamped_s, $listens_window_s, $sources_window_s.
INSERT INTO stage_decisions
WITH s AS (
  SELECT seq, user_id, make_timestamp(listened_at_ms * 1000) AS t, recording_id, format, precision_s, stamped_edge
  FROM stage_listens
),
bounds AS (
  -- Every rule below compares a staged time with a stored listen at most $reach_s away: the listens
  -- window either side of the batch holds every listen they can reach. A second source usually lies
  -- within $reach_s of its listen, but one whose listen was corrected later may not: sources are read
  -- a wider window either side.
  SELECT min(t) - to_seconds($listens_window_s::BIGINT) AS lo, max(t) + to_seconds($listens_window_s::BIGINT) AS hi,
         min(t) - to_seconds($sources_window_s::BIGINT) AS sources_lo,
         max(t) + to_seconds($sources_window_s::BIGINT) AS sources_hi
  FROM s
),
nearby AS (
  SELECT l.id, l.user_id, l.listened_at, l.recording_id, l.format, l.precision_s, l.stamped_edge
  FROM listens l, bounds
  WHERE l.listened_at BETWEEN bounds.lo AND bounds.hi
),
nearby_sources AS (
  SELECT ls.listen_id, ls.user_id, ls.listened_at, ls.recording_id, ls.format
  FROM listen_sources ls, bounds
  WHERE ls.listened_at BETWEEN bounds.sources_lo AND bounds.sources_hi
),
exact AS (
  -- The same record again (a re-import): the same format at exactly the same time, as a listen or as
  -- a second source. Another format at exactly the same time is a merge (below), unless the listen
  -- already holds a record of this format: one play cannot have two.
  SELECT s.seq, NULL::BIGINT AS listen_id
  FROM s
  WHERE EXISTS (SELECT 1 FROM nearby l WHERE l.user_id = s.user_id AND l.recording_id = s.recording_id AND l.listened_at = s.t
                  AND (l.format = s.format
                       OR EXISTS (SELECT 1 FROM nearby_sources x WHERE x.listen_id = l.id AND x.format = s.format)))
     OR EXISTS (SELECT 1 FROM nearby_sources l WHERE l.user_id = s.user_id AND l.recording_id = s.recording_id AND l.listened_at = s.t
                  AND l.format = s.format)
  UNION ALL
  SELECT seq, NULL FROM (
    SELECT seq, row_number() OVER (PARTITION BY user_id, recording_id, t ORDER BY seq) AS n FROM s
  ) WHERE n > 1
),
candidates AS (
  -- A timestamp of precision p stands for the interval [t, t + p): a minute-precision Last.fm time
  -- 10:00 covers 10:00:00-10:00:59. The gap is the distance between the two intervals.
  SELECT s.seq, l.id AS listen_id,
         greatest(0, epoch(s.t) - (epoch(l.listened_at) + l.precision_s),
                     epoch(l.listened_at) - (epoch(s.t) + s.precision_s)) AS gap,
         abs((epoch(s.t) + s.precision_s / 2) - (epoch(l.listened_at) + l.precision_s / 2)) AS spread
  FROM s
  JOIN nearby l ON l.user_id = s.user_id AND l.recording_id = s.recording_id
  WHERE s.seq NOT IN (SELECT seq FROM exact)
    AND abs(epoch(l.listened_at) - epoch(s.t)) <= $reach_s::INTEGER
    AND l.format <> s.format
    AND NOT EXISTS (SELECT 1 FROM nearby_sources x WHERE x.listen_id = l.id AND x.format = s.format)
),
close_enough AS (
  SELECT c.* FROM candidates c JOIN s USING (seq) JOIN nearby l ON l.id = c.listen_id
  WHERE c.gap <= $slack_s::INTEGER
                + CASE WHEN s.stamped_edge = 'end' OR l.stamped_edge = 'end' THEN $end_stamped_s::INTEGER ELSE 0 END
),
nearest AS (
  SELECT seq, listen_id, gap, spread FROM (
    SELECT *, row_number() OVER (PARTITION BY seq ORDER BY gap, spread, listen_id) AS n FROM close_enough
  ) WHERE n = 1
),
one_to_one AS (
  SELECT seq, listen_id FROM (
    SELECT *, row_number() OVER (PARTITION BY listen_id ORDER BY gap, spread, seq) AS n FROM nearest
  ) WHERE n = 1
)
SELECT DISTINCT seq, 'duplicate' AS decision, listen_id FROM exact
UNION ALL
SELECT seq, 'merge', listen_id FROM one_to_one;
