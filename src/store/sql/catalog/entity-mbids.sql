-- The MusicBrainz identity of a stored artist, release or recording (their pages' ids), from the
-- matches of the tuples under it: the MBID most of its matched listens point to.
WITH under AS (
  SELECT m.*, count(*) AS listens
  FROM listens l
  JOIN catalog_matches m ON m.credit_id = l.artist_credit_id AND m.recording_id = l.recording_id
    AND m.release_id = coalesce(l.release_id, 0)
  WHERE m.status IN ('matched', 'partial', 'linked')
    AND CASE $kind WHEN 'artist' THEN l.artist_id = $id WHEN 'release' THEN l.release_id = $id ELSE l.recording_id = $id END
  GROUP BY ALL
)
SELECT
  (SELECT split_part(artist_mbids, ';', 1) FROM under WHERE coalesce(artist_mbids, '') <> ''
     GROUP BY 1 ORDER BY sum(listens) DESC, 1 LIMIT 1) AS artist_mbid,
  (SELECT recording_mbid FROM under WHERE recording_mbid IS NOT NULL GROUP BY 1 ORDER BY sum(listens) DESC, 1 LIMIT 1) AS recording_mbid,
  (SELECT release_mbid FROM under WHERE release_mbid IS NOT NULL GROUP BY 1 ORDER BY sum(listens) DESC, 1 LIMIT 1) AS release_mbid,
  (SELECT release_group_mbid FROM under WHERE release_group_mbid IS NOT NULL GROUP BY 1 ORDER BY sum(listens) DESC, 1 LIMIT 1) AS release_group_mbid
