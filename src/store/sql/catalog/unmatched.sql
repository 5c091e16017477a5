-- A user's most played tuples that have no recording match (not yet looked at, nothing found, only
-- the artists found, or unlinked by hand) — or all of them with $all —, with the best candidate below
-- the threshold when there was one: the matching view's list.
WITH mine AS (
  SELECT artist_credit_id AS credit_id, recording_id, coalesce(release_id, 0) AS release_id,
    count(*)::BIGINT AS plays, max(listened_at) AS last_played
  FROM listens WHERE user_id = $user_id GROUP BY ALL
)
SELECT t.credit_id, t.recording_id, t.release_id, t.plays,
  strftime(t.last_played, '%Y-%m-%dT%H:%M:%SZ') AS last_played,
  c.name AS artist, r.title AS track, rel.title AS release,
  coalesce(m.status, 'pending') AS status, coalesce(m.method, 'none') AS method,
  coalesce(m.confidence, 0) AS confidence, m.artist_mbids, m.recording_mbid, m.suggestion::VARCHAR AS suggestion,
  count(*) OVER () AS total
FROM mine t
JOIN artist_credits c ON c.id = t.credit_id
JOIN recordings r ON r.id = t.recording_id
LEFT JOIN releases rel ON rel.id = t.release_id
LEFT JOIN catalog_matches m
  ON m.credit_id = t.credit_id AND m.recording_id = t.recording_id AND m.release_id = t.release_id
WHERE ($all OR m.recording_mbid IS NULL)
  AND ($search = '' OR contains(lower(c.name || ' ' || r.title), lower($search)))
ORDER BY t.plays DESC, t.credit_id, t.recording_id, t.release_id
LIMIT $limit OFFSET $offset
