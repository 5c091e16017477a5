-- MusicBrainz artists whose name, alias or sort name has one of the keys ($keys) or loose keys
-- ($loose), with how many recordings credit them first (to choose between artists of one name). Keys
-- live only for stored artists (they are replaced with them), so mb_artists need not be joined.
SELECT k.key, k.loose, k.kind, k.mbid, coalesce(w.recordings, 0) AS recordings
FROM mb_keys k
LEFT JOIN mb_artist_weights w ON w.artist_mbid = k.mbid
WHERE k.entity = 'artist'
  AND (k.key IN (SELECT unnest(from_json($keys, '["VARCHAR"]')))
    OR k.loose IN (SELECT unnest(from_json($loose, '["VARCHAR"]'))))
