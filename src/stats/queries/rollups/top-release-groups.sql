-- top-release-groups-by-plays.sql and top-release-groups-by-time.sql for a range that holds the
-- user's whole history, from the all-time plays per release (rollup_releases_of) and the greatest
-- release-group MBID each release's listens carried (rollup_listened_groups_of): releases that share
-- a release-group MBID (the release's own, else one its listens carried) count together, a release
-- without one is a group of its own, named after its most-played release (ties: the lower id), whose
-- id it takes. By plays, or by known time when $by = 'time'; ties: the lower id first.
WITH per_release AS (
  SELECT r.release_id, r.plays, r.known_ms, r.unknown_plays, g.listened_group_mbid
  FROM rollup_releases_of($user_id) r
  LEFT JOIN rollup_listened_groups_of($user_id) g ON g.release_id = r.release_id
),
grouped AS (
  SELECT coalesce(rel.release_group_mbid, p.listened_group_mbid, 'release:' || p.release_id) AS group_key,
         first(coalesce(rel.release_group_mbid, p.listened_group_mbid)) AS mbid,
         first(p.release_id ORDER BY p.plays DESC, p.release_id) AS id,
         sum(p.plays) AS plays,
         sum(p.known_ms) AS known_ms,
         sum(p.unknown_plays) AS unknown_plays
  FROM per_release p
  JOIN releases rel ON rel.id = p.release_id
  GROUP BY group_key
),
ranked AS (
  SELECT * FROM grouped
  ORDER BY CASE WHEN $by = 'time' THEN known_ms ELSE plays END DESC, id
  LIMIT $limit
)
SELECT g.id, rel.title AS name, g.mbid, a.name AS artist, g.plays, g.known_ms, g.unknown_plays
FROM ranked g
JOIN releases rel ON rel.id = g.id
LEFT JOIN artists a ON a.id = rel.artist_id
ORDER BY CASE WHEN $by = 'time' THEN g.known_ms ELSE g.plays END DESC, g.id
