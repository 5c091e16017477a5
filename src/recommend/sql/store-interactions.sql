-- Every user's plays per item (recording, primary artist or release, by $entity) among the listens
-- in [$from_ms, $to_ms): the play count, or with $half_life_days > 0 the sum of 0.5^(age / half
-- life) at $to_ms (recent plays weigh more), and the time of the latest play in epoch seconds.
-- Also the plain play count and the first play (for the registry's record of the data). Listens
-- without a release are left out of the release matrix.
WITH items AS (
  SELECT user_id,
         CASE $entity WHEN 'recording' THEN recording_id WHEN 'artist' THEN artist_id ELSE release_id END AS item_id,
         listened_at
  FROM listens
  WHERE listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
)
SELECT CAST(user_id AS INTEGER) AS user_id,
       CAST(item_id AS INTEGER) AS item_id,
       CAST(CASE WHEN $half_life_days > 0
                 THEN sum(pow(0.5, ($to_ms - epoch_ms(listened_at)) / ($half_life_days * 86400000.0)))
                 ELSE count(*) END AS FLOAT) AS weight,
       CAST(count(*) AS INTEGER) AS plays,
       CAST(epoch(max(listened_at)) AS DOUBLE) AS last_played,
       CAST(epoch(min(listened_at)) AS DOUBLE) AS first_played
FROM items
WHERE item_id IS NOT NULL
GROUP BY user_id, item_id
