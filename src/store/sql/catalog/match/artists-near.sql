-- Fuzzy candidates for artist names no key found ($loose, loose keys): stored names that share the
-- first or the last four characters (two blocks, so a typo must hit both ends to hide a name), of a
-- similar length, close by Jaro-Winkler or edit distance; the five closest per name. The caller
-- scores them again.
WITH q AS (SELECT DISTINCT unnest(from_json($loose, '["VARCHAR"]')) AS probe),
blocks AS (
  SELECT q.probe, k.mbid, k.key, k.loose FROM q JOIN mb_keys k
    ON k.entity = 'artist' AND left(k.loose, 4) = left(q.probe, 4)
  UNION
  SELECT q.probe, k.mbid, k.key, k.loose FROM q JOIN mb_keys k
    ON k.entity = 'artist' AND right(k.loose, 4) = right(q.probe, 4)
),
close AS (
  SELECT b.*, jaro_winkler_similarity(b.loose, b.probe) AS jw
  FROM blocks b
  WHERE abs(length(b.loose) - length(b.probe)) <= greatest(2, length(b.probe) // 4)
)
SELECT c.probe, c.mbid, c.key, c.loose, a.name
FROM close c JOIN mb_artists a ON a.mbid = c.mbid
WHERE c.jw >= 0.88 OR levenshtein(c.loose, c.probe) <= greatest(1, length(c.probe) // 6)
QUALIFY row_number() OVER (PARTITION BY c.probe ORDER BY c.jw DESC, c.mbid) <= 5
