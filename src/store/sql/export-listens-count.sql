-- How many of a user's listens started in [$from, $to): the total an export's progress bar counts to.
SELECT count(*) AS n
FROM listens
WHERE user_id = $user
  AND ($from_us IS NULL OR listened_at >= make_timestamp($from_us::BIGINT))
  AND ($to_us IS NULL OR listened_at < make_timestamp($to_us::BIGINT))
