-- The next chunk of a user's listens for an export: those that started in [$from, $to) after the
-- cursor ($after_us, $after_id), oldest first, with every column an export writes and the release's
-- own artist (so a compilation keeps its "Various Artists" release when imported again).
SELECT l.id,
       epoch_us(l.listened_at) AS at_us,
       epoch_ms(l.inserted_at) AS inserted_ms, l.precision_s, l.stamped_edge,
       l.artist, l.track, l.release,
       CASE WHEN r.artist_id IS DISTINCT FROM l.artist_id THEN ra.name END AS release_artist,
       l.duration_ms, l.played_ms, l.artist_mbids, l.recording_mbid, l.release_mbid, l.release_group_mbid,
       l.isrc, l.spotify_uri, l.source, l.format, l.client, l.platform, l.country, l.raw
FROM listens l
LEFT JOIN releases r ON r.id = l.release_id
LEFT JOIN artists ra ON ra.id = r.artist_id
WHERE l.user_id = $user
  AND ($from_us IS NULL OR l.listened_at >= make_timestamp($from_us::BIGINT))
  AND ($to_us IS NULL OR l.listened_at < make_timestamp($to_us::BIGINT))
  AND ($after_us IS NULL OR epoch_us(l.listened_at) > $after_us::BIGINT
       OR (epoch_us(l.listened_at) = $after_us::BIGINT AND l.id > $after_id::BIGINT))
ORDER BY l.listened_at, l.id
LIMIT $limit
