-- Which release groups a user listened to longest in [from, to), by known listening time (played_ms,
-- else duration_ms), with plays and plays of unknown length. Releases that share a release-group MBID
-- (the release's own, else one its listens carried) count together; a release without one is a
-- group of its own, as ListenBrainz counts unmapped listens under their submitted names. A group is
-- named after its most-played release (ties: the lower id), whose id it takes. Listens without a
-- release are left out; ties: the lower id first.
WITH per_release AS (
  SELECT release_id,
         count(*) AS plays,
         coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms,
         count(*) - count(coalesce(played_ms, duration_ms)) AS unknown_plays,
         max(release_group_mbid) AS listened_group_mbid
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
    AND release_id IS NOT NULL
  GROUP BY release_id
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
  ORDER BY known_ms DESC, id
  LIMIT $limit
)
SELECT g.id, rel.title AS name, g.mbid, a.name AS artist, g.plays, g.known_ms, g.unknown_plays
FROM grouped g
JOIN releases rel ON rel.id = g.id
LEFT JOIN artists a ON a.id = rel.artist_id
ORDER BY g.known_ms DESC, g.id
