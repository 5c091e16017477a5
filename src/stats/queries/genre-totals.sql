-- A user's listens in [from, to) (epoch ms; NULL: open), how many of them have a genre, and how
-- many are matched to MusicBrainz at all: what the genre statistics cover.
SELECT count(*) AS listens,
  count(m.credit_id) FILTER (WHERE m.status IN ('matched', 'partial', 'linked')) AS matched
FROM listens l
LEFT JOIN catalog_matches m ON m.credit_id = l.artist_credit_id AND m.recording_id = l.recording_id
  AND m.release_id = coalesce(l.release_id, 0)
WHERE l.user_id = $user_id
  AND ($from_ms IS NULL OR l.listened_at >= make_timestamp($from_ms * 1000))
  AND ($to_ms IS NULL OR l.listened_at < make_timestamp($to_ms * 1000))
