-- Whether the duplicate decision (decide-duplicates.sql) can find anything for the staged listens:
-- answered first and cheaply, so a batch of new plays skips the decision. Every duplicate or merge
-- needs a stored listen of the same user and recording at most $reach_s away (bound from
-- src/domain/dedup-tolerances.ts; a second more here, so rounding never makes this miss what the
-- decision finds), a stored second source of the same user and recording at the same time (its
-- listen may lie anywhere, once corrected), or the same play twice in the batch.
WITH bounds AS (
  SELECT make_timestamp((min(listened_at_ms) - ($reach_s::BIGINT + 1) * 1000) * 1000) AS lo,
         make_timestamp((max(listened_at_ms) + ($reach_s::BIGINT + 1) * 1000) * 1000) AS hi
  FROM stage_listens
),
nearby AS (
  SELECT l.user_id, l.recording_id, epoch_ms(l.listened_at) AS at_ms
  FROM listens l, bounds
  WHERE l.listened_at BETWEEN bounds.lo AND bounds.hi
),
nearby_sources AS (
  SELECT ls.user_id, ls.recording_id, epoch_ms(ls.listened_at) AS at_ms
  FROM listen_sources ls, bounds
  WHERE ls.listened_at BETWEEN bounds.lo AND bounds.hi
)
SELECT EXISTS (
  SELECT 1 FROM stage_listens s
  JOIN nearby l ON l.user_id = s.user_id AND l.recording_id = s.recording_id
  WHERE abs(l.at_ms - s.listened_at_ms) <= ($reach_s::BIGINT + 1) * 1000
) OR EXISTS (
  SELECT 1 FROM stage_listens s
  JOIN nearby_sources x
    ON x.user_id = s.user_id AND x.recording_id = s.recording_id AND x.at_ms = s.listened_at_ms
) OR EXISTS (
  SELECT 1 FROM stage_listens GROUP BY user_id, recording_id, listened_at_ms HAVING count(*) > 1
) AS possible;
