-- Recordings credited to an artist under a title ($pairs: position `i`, artist MBID `a`, title key
-- `k`, loose title key `l`), exactly or by loose key; answered by position, so no MBID or title is
-- sent back that the caller already has.
WITH q AS (SELECT unnest(from_json($pairs, '[{"i":"INTEGER","a":"VARCHAR","k":"VARCHAR","l":"VARCHAR"}]'), recursive := true))
SELECT q.i, rk.recording_mbid, bool_or(rk.key = q.k) AS exact
FROM q JOIN mb_recording_keys rk ON rk.artist_mbid = q.a AND (rk.key = q.k OR rk.loose = q.l)
GROUP BY ALL
