-- Every title of the recordings credited to these artists ($artists, MBIDs), for fuzzy title
-- matching: at most $per_artist keys per artist, so a composer with 100,000 recordings stays cheap.
SELECT artist_mbid, recording_mbid, key, loose
FROM mb_recording_keys
WHERE artist_mbid IN (SELECT unnest(from_json($artists, '["VARCHAR"]')))
QUALIFY row_number() OVER (PARTITION BY artist_mbid ORDER BY position, key) <= $per_artist
