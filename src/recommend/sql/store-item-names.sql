-- What the page and the API show of items of one kind ($entity) by id: the name, the artist's
-- name (for recordings and releases), the MBID and the primary artist. One row per id in $ids
-- (comma-separated).
SELECT r.id, r.title AS name, c.name AS artist, r.mbid, r.artist_id
FROM recordings r JOIN artist_credits c ON c.id = r.artist_credit_id
WHERE $entity = 'recording' AND list_contains(CAST(string_split($ids, ',') AS INTEGER[]), r.id)
UNION ALL
SELECT a.id, a.name, NULL, a.mbid, a.id
FROM artists a
WHERE $entity = 'artist' AND list_contains(CAST(string_split($ids, ',') AS INTEGER[]), a.id)
UNION ALL
SELECT r.id, r.title, a.name, r.mbid, r.artist_id
FROM releases r JOIN artists a ON a.id = r.artist_id
WHERE $entity = 'release' AND list_contains(CAST(string_split($ids, ',') AS INTEGER[]), r.id)
