-- The most played releases of an artist in [from, to); listens without a release are left out.
SELECT r.id, r.title AS name, r.mbid, a.name AS artist, count(*) AS plays,
       coalesce(sum(coalesce(e.played_ms, e.duration_ms)), 0) AS known_ms,
       count(*) - count(coalesce(e.played_ms, e.duration_ms)) AS unknown_plays
FROM entity_listens($user_id, $from_ms, $to_ms, $kind, $id) e
JOIN releases r ON r.id = e.release_id
LEFT JOIN artists a ON a.id = r.artist_id
GROUP BY r.id, r.title, r.mbid, a.name
ORDER BY plays DESC, r.id
LIMIT $limit
