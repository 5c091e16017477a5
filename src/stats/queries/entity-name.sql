-- What an entity is called: an artist's name, a release's or recording's title with its artist.
SELECT name, mbid, NULL AS artist FROM artists WHERE $kind = 'artist' AND id = $id
UNION ALL
SELECT r.title, r.mbid, a.name FROM releases r LEFT JOIN artists a ON a.id = r.artist_id
WHERE $kind = 'release' AND r.id = $id
UNION ALL
SELECT r.title, r.mbid, c.name FROM recordings r JOIN artist_credits c ON c.id = r.artist_credit_id
WHERE $kind = 'recording' AND r.id = $id
