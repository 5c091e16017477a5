-- MusicBrainz artists whose name, alias or sort name has one of the keys ($keys) or loose keys
-- ($loose), with how many recordings credit them first (to choose between artists of one name).
WITH hits AS (
  SELECT k.key, k.loose, k.kind, k.mbid FROM mb_keys k
  WHERE k.entity = 'artist'
    AND (k.key IN (SELECT unnest(from_json($keys, '["VARCHAR"]')))
      OR k.loose IN (SELECT unnest(from_json($loose, '["VARCHAR"]'))))
), weight AS (
  SELECT artist_mbid AS mbid, count(DISTINCT recording_mbid)::INTEGER AS recordings
  FROM mb_recording_keys WHERE position = 0 AND artist_mbid IN (SELECT mbid FROM hits)
  GROUP BY 1
)
SELECT h.key, h.loose, h.kind, h.mbid, a.name, coalesce(w.recordings, 0) AS recordings
FROM hits h JOIN mb_artists a ON a.mbid = h.mbid LEFT JOIN weight w ON w.mbid = h.mbid
