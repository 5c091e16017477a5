-- The most played recordings (by every user) of each artist in $artists (comma-separated ids), up
-- to $per_artist each, with what a playlist needs: title, credit, a release, MBIDs, length.
WITH plays AS (
  SELECT l.artist_id, l.recording_id, count(*) AS plays, any_value(l.release) AS release,
         any_value(l.release_mbid) AS release_mbid, max(l.duration_ms) AS duration_ms
  FROM listens l
  WHERE list_contains(CAST(string_split($artists, ',') AS INTEGER[]), l.artist_id)
  GROUP BY l.artist_id, l.recording_id
),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY artist_id ORDER BY plays DESC, recording_id) AS n FROM plays
)
SELECT r.artist_id, r.recording_id, r.plays, rec.title, c.name AS artist, r.release, rec.mbid,
       r.release_mbid, coalesce(rec.length_ms, r.duration_ms) AS duration_ms, a.mbid AS artist_mbid
FROM ranked r
JOIN recordings rec ON rec.id = r.recording_id
JOIN artist_credits c ON c.id = rec.artist_credit_id
JOIN artists a ON a.id = r.artist_id
WHERE r.n <= $per_artist
ORDER BY r.artist_id, r.n
