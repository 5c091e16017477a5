-- The releases (and their release groups) holding candidate recordings ($mbids), with their title
-- keys: empty without a release dump.
WITH t AS (
  SELECT DISTINCT recording_mbid, release_mbid FROM mb_release_tracks
  WHERE recording_mbid IN (SELECT unnest(from_json($mbids, '["VARCHAR"]')))
)
SELECT t.recording_mbid, t.release_mbid, coalesce(rel.release_group_mbid, '') AS release_group,
  coalesce(k.key, '') AS key, coalesce(k.loose, '') AS loose, coalesce(gk.key, '') AS group_key,
  coalesce(gk.loose, '') AS group_loose
FROM t
JOIN mb_releases rel ON rel.mbid = t.release_mbid
LEFT JOIN mb_keys k ON k.mbid = t.release_mbid AND k.kind = 'name'
LEFT JOIN mb_keys gk ON gk.mbid = rel.release_group_mbid AND gk.kind = 'name'
