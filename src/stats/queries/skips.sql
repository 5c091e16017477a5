-- How many of a user's plays in [from, to) were short plays — the nearest the store comes to skips,
-- as it keeps no skip flag: of the plays whose source reported the time played (played_ms), those
-- that played under $min_ms (30 s) or under half the track's length (duration_ms, when known).
SELECT
  count(*) AS plays,
  count(played_ms) AS timed,
  count(*) FILTER (
    WHERE played_ms < $min_ms OR (duration_ms > 0 AND played_ms * 2 < duration_ms)
  ) AS short
FROM listens
WHERE user_id = $user_id
  AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
