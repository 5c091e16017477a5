-- The most played recordings of an artist or release in [from, to). Ties: the lower id first.
SELECT r.id, r.title AS name, r.mbid, c.name AS artist, count(*) AS plays,
       coalesce(sum(coalesce(e.played_ms, e.duration_ms)), 0) AS known_ms,
       count(*) - count(coalesce(e.played_ms, e.duration_ms)) AS unknown_plays
FROM entity_listens($user_id, $from_ms, $to_ms, $kind, $id) e
JOIN recordings r ON r.id = e.recording_id
JOIN artist_credits c ON c.id = r.artist_credit_id
GROUP BY r.id, r.title, r.mbid, c.name
ORDER BY plays DESC, r.id
LIMIT $limit
