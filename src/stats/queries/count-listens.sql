-- How many listens a user has in [from, to): sizes the grouping strategy of the top lists.
SELECT count(*) AS listens
FROM listens
WHERE user_id = $user_id
  AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
