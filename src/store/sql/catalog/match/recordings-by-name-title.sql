-- Recordings under every artist a credited name stands for (by store key or loose key) with a title
-- (key or loose key): $probes holds position `i`, name key `n`, loose name `nl`, title key `k` and
-- loose title `l`. One join from names to artists to recordings, so a name shared by hundreds of
-- artists ("John Smith") costs no more than a rare one; answered by position.
WITH q AS (
  SELECT unnest(from_json($probes, '[{"i":"INTEGER","n":"VARCHAR","nl":"VARCHAR","k":"VARCHAR","l":"VARCHAR"}]'), recursive := true)
),
artists AS (
  SELECT q.i, k.mbid FROM q JOIN mb_keys k ON k.entity = 'artist' AND k.key = q.n
  UNION
  SELECT q.i, k.mbid FROM q JOIN mb_keys k ON k.entity = 'artist' AND k.loose = q.nl
)
SELECT a.i, rk.artist_mbid, rk.recording_mbid, bool_or(rk.key = q.k) AS exact
FROM artists a
JOIN q ON q.i = a.i
JOIN mb_recording_keys rk ON rk.artist_mbid = a.mbid AND (rk.key = q.k OR rk.loose = q.l)
GROUP BY ALL
