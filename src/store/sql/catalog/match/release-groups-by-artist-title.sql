-- Release groups and releases first credited to an artist ($pairs: artist MBID `a`, release key `k`,
-- loose key `l`) under that title: the release a listen names when its recording's own releases say
-- nothing (no release dump, or a release the dump does not link).
WITH q AS (SELECT unnest(from_json($pairs, '[{"a":"VARCHAR","k":"VARCHAR","l":"VARCHAR"}]'), recursive := true))
SELECT q.a AS artist_mbid, q.k AS probe, c.entity, c.mbid,
  CASE WHEN c.entity = 'release' THEN coalesce(rel.release_group_mbid, '') ELSE c.mbid END AS release_group
FROM q
JOIN mb_credits c ON c.artist_mbid = q.a AND c.position = 0 AND c.entity IN ('release', 'release-group')
JOIN mb_keys k ON k.mbid = c.mbid AND (k.key = q.k OR k.loose = q.l)
LEFT JOIN mb_releases rel ON c.entity = 'release' AND rel.mbid = c.mbid
GROUP BY ALL
