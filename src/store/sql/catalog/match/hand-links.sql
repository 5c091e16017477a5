-- The latest hand decision (link or unlink) on each tuple of a batch ($tuples: JSON [[credit, recording, release]]).
WITH q AS (SELECT t[1]::INTEGER AS credit_id, t[2]::INTEGER AS recording_id, t[3]::INTEGER AS release_id
           FROM (SELECT unnest(from_json($tuples, '[["INTEGER"]]')) AS t))
SELECT l.credit_id, l.recording_id, l.release_id, l.action, coalesce(l.artist_mbids, '') AS artist_mbids,
  coalesce(l.recording_mbid, '') AS recording_mbid, coalesce(l.release_mbid, '') AS release_mbid
FROM catalog_links l SEMI JOIN q
  ON q.credit_id = l.credit_id AND q.recording_id = l.recording_id AND q.release_id = l.release_id
QUALIFY row_number() OVER (PARTITION BY l.credit_id, l.recording_id, l.release_id ORDER BY l.created_at DESC) = 1
