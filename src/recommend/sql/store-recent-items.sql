-- The items of one kind ($entity) a user played at or after $since_ms: what a cached list must
-- leave out because it was played after the list was computed.
SELECT DISTINCT CAST(CASE $entity WHEN 'recording' THEN recording_id WHEN 'artist' THEN artist_id ELSE release_id END AS INTEGER) AS item_id
FROM listens
WHERE user_id = $user_id AND listened_at >= epoch_ms($since_ms)
  AND (CASE $entity WHEN 'recording' THEN recording_id WHEN 'artist' THEN artist_id ELSE release_id END) IS NOT NULL
