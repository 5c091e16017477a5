-- What a playlist needs of the recordings $ids (comma-separated): title, credit, the release most
-- of their listens name (ties: the first by name, so two calls give the same file) with its MBID,
-- and the length.
WITH wanted AS (
  SELECT unnest(CAST(string_split($ids, ',') AS INTEGER[])) AS id
),
named AS (
  SELECT l.recording_id, l.release, l.release_mbid, count(*) AS plays,
         row_number() OVER (PARTITION BY l.recording_id
                            ORDER BY count(*) DESC, l.release, l.release_mbid NULLS LAST) AS n
  FROM listens l
  WHERE l.recording_id IN (SELECT id FROM wanted) AND l.release IS NOT NULL
  GROUP BY l.recording_id, l.release, l.release_mbid
),
lengths AS (
  SELECT l.recording_id, max(l.duration_ms) AS duration_ms
  FROM listens l WHERE l.recording_id IN (SELECT id FROM wanted)
  GROUP BY l.recording_id
)
SELECT rec.id AS recording_id, rec.artist_id, rec.title, c.name AS artist, rec.mbid, a.mbid AS artist_mbid,
       nm.release, nm.release_mbid, coalesce(rec.length_ms, ln.duration_ms) AS duration_ms
FROM recordings rec
JOIN artist_credits c ON c.id = rec.artist_credit_id
JOIN artists a ON a.id = rec.artist_id
LEFT JOIN named nm ON nm.recording_id = rec.id AND nm.n = 1
LEFT JOIN lengths ln ON ln.recording_id = rec.id
WHERE rec.id IN (SELECT id FROM wanted)
