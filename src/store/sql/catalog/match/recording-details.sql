-- What scoring needs of candidate recordings ($mbids): title, length, first release date, the
-- credit (artists in order with the names they are credited as) and the releases and release groups
-- holding them with their title keys (empty without a release dump).
WITH ids AS (SELECT DISTINCT unnest(from_json($mbids, '["VARCHAR"]')) AS mbid),
credit AS (
  SELECT c.mbid, list({artist: c.artist_mbid, name: c.credited_name, join_phrase: c.join_phrase} ORDER BY c.position) AS artists
  FROM mb_credits c SEMI JOIN ids ON ids.mbid = c.mbid
  GROUP BY c.mbid
),
releases AS (
  SELECT t.recording_mbid AS mbid,
    list(DISTINCT {release: t.release_mbid, release_group: coalesce(rel.release_group_mbid, ''),
                   key: coalesce(k.key, ''), loose: coalesce(k.loose, ''),
                   group_key: coalesce(gk.key, ''), group_loose: coalesce(gk.loose, '')}) AS releases
  FROM mb_release_tracks t SEMI JOIN ids ON ids.mbid = t.recording_mbid
  JOIN mb_releases rel ON rel.mbid = t.release_mbid
  LEFT JOIN mb_keys k ON k.mbid = t.release_mbid AND k.kind = 'name'
  LEFT JOIN mb_keys gk ON gk.mbid = rel.release_group_mbid AND gk.kind = 'name'
  GROUP BY 1
)
SELECT r.mbid, r.title, r.length_ms, coalesce(r.first_release_date, '') AS first_release_date,
  coalesce(credit.artists, []) AS artists, coalesce(releases.releases, []) AS releases
FROM mb_recordings r SEMI JOIN ids ON ids.mbid = r.mbid
LEFT JOIN credit ON credit.mbid = r.mbid
LEFT JOIN releases ON releases.mbid = r.mbid
