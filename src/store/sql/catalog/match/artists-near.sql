-- Fuzzy candidates for artist names no key found ($loose, loose keys): stored names that share the
-- first or the last three characters (two blocks, so a typo must hit both ends to hide a name) and
-- are close by Jaro-Winkler or edit distance. The caller scores them again.
WITH q AS (SELECT DISTINCT unnest(from_json($loose, '["VARCHAR"]')) AS probe),
blocks AS (
  SELECT q.probe, k.mbid, k.key, k.loose FROM q JOIN mb_keys k
    ON k.entity = 'artist' AND left(k.loose, 3) = left(q.probe, 3)
  UNION
  SELECT q.probe, k.mbid, k.key, k.loose FROM q JOIN mb_keys k
    ON k.entity = 'artist' AND right(k.loose, 3) = right(q.probe, 3)
)
SELECT b.probe, b.mbid, b.key, b.loose, a.name
FROM blocks b JOIN mb_artists a ON a.mbid = b.mbid
WHERE abs(length(b.loose) - length(b.probe)) <= greatest(2, length(b.probe) // 4)
  AND (jaro_winkler_similarity(b.loose, b.probe) >= 0.88 OR levenshtein(b.loose, b.probe) <= greatest(1, length(b.probe) // 6))
