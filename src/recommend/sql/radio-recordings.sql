-- What a playlist needs of the recordings $ids (comma-separated): title, credit, the release most
-- of their listens name, MBIDs, length.
SELECT rec.id AS recording_id, rec.artist_id, rec.title, c.name AS artist, rec.mbid, a.mbid AS artist_mbid,
       (SELECT any_value(l.release) FROM listens l WHERE l.recording_id = rec.id) AS release,
       (SELECT any_value(l.release_mbid) FROM listens l WHERE l.recording_id = rec.id) AS release_mbid,
       coalesce(rec.length_ms, (SELECT max(l.duration_ms) FROM listens l WHERE l.recording_id = rec.id)) AS duration_ms
FROM recordings rec
JOIN artist_credits c ON c.id = rec.artist_credit_id
JOIN artists a ON a.id = rec.artist_id
WHERE list_contains(CAST(string_split($ids, ',') AS INTEGER[]), rec.id)
