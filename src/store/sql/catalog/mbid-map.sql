-- `export mbid-map`: one row per distinct stored (artist credit, track, release), with its match;
-- empty MBIDs where nothing (or only a hand unlink) matched. Artist MBIDs ';'-separated in credit order.
WITH tuples AS (
  SELECT DISTINCT artist_credit_id AS credit_id, recording_id, coalesce(release_id, 0) AS release_id FROM listens
)
SELECT c.name AS artist_name, r.title AS track_name, coalesce(rel.title, '') AS release_name,
  CASE WHEN m.status IN ('matched', 'partial', 'linked') THEN coalesce(m.artist_mbids, '') ELSE '' END AS artist_mbids,
  CASE WHEN m.status IN ('matched', 'linked') THEN coalesce(m.recording_mbid, '') ELSE '' END AS recording_mbid,
  CASE WHEN m.status IN ('matched', 'partial', 'linked') THEN coalesce(m.release_mbid, '') ELSE '' END AS release_mbid,
  coalesce(m.confidence, 0) AS confidence,
  coalesce(m.method, 'none') AS method
FROM tuples t
JOIN artist_credits c ON c.id = t.credit_id
JOIN recordings r ON r.id = t.recording_id
LEFT JOIN releases rel ON rel.id = t.release_id
LEFT JOIN catalog_matches m
  ON m.credit_id = t.credit_id AND m.recording_id = t.recording_id AND m.release_id = t.release_id
ORDER BY c.name, r.title, release_name
