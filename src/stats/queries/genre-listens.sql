-- The genres of a user's listens in [from, to) (epoch ms; NULL: open), one row per listen and genre
-- with the genre's weight (a listen counts once, shared among its genres) and the local hour in
-- $tz: a listen's genres are its release group's (else its release's), else its first artist's,
-- as enrichment found them (enrich_genres). Listens without a match or genres are left out.
WITH l AS (
  SELECT l.listened_at, m.release_group_mbid, m.release_mbid, split_part(m.artist_mbids, ';', 1) AS artist_mbid
  FROM listens l
  JOIN catalog_matches m ON m.credit_id = l.artist_credit_id AND m.recording_id = l.recording_id
    AND m.release_id = coalesce(l.release_id, 0)
  WHERE l.user_id = $user_id
    AND ($from_ms IS NULL OR l.listened_at >= make_timestamp($from_ms * 1000))
    AND ($to_ms IS NULL OR l.listened_at < make_timestamp($to_ms * 1000))
    AND m.status IN ('matched', 'partial', 'linked')
),
has AS (SELECT DISTINCT entity, mbid FROM enrich_genres),
chosen AS (
  SELECT l.listened_at,
    CASE WHEN rg.mbid IS NOT NULL THEN 'release-group' WHEN r.mbid IS NOT NULL THEN 'release' ELSE 'artist' END AS entity,
    coalesce(rg.mbid, r.mbid, a.mbid) AS mbid
  FROM l
  LEFT JOIN has rg ON rg.entity = 'release-group' AND rg.mbid = l.release_group_mbid
  LEFT JOIN has r ON r.entity = 'release' AND r.mbid = l.release_mbid
  LEFT JOIN has a ON a.entity = 'artist' AND a.mbid = l.artist_mbid
  WHERE coalesce(rg.mbid, r.mbid, a.mbid) IS NOT NULL
)
SELECT e.genre, e.weight, e.source, hour(timezone($tz, c.listened_at::TIMESTAMPTZ)) AS hour
FROM chosen c JOIN enrich_genres e ON e.entity = c.entity AND e.mbid = c.mbid
