-- A batch of match decisions replaces what was stored for the same tuples, in one transaction.
DELETE FROM catalog_matches m USING stage_catalog_matches s
WHERE m.credit_id = s.credit_id AND m.recording_id = s.recording_id AND m.release_id = s.release_id;
INSERT INTO catalog_matches
SELECT credit_id, recording_id, release_id, status, method, confidence, nullif(artist_mbids, ''),
  nullif(recording_mbid, ''), nullif(release_mbid, ''), nullif(release_group_mbid, ''),
  CASE WHEN suggestion = '' THEN NULL ELSE suggestion::JSON END, $generation, make_timestamp($now * 1000)
FROM stage_catalog_matches;
DELETE FROM stage_catalog_matches;
