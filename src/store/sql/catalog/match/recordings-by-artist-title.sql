-- Recordings credited to an artist ($pairs: artist MBID `a`, title key `k`, loose title key `l`)
-- under that title, exactly or by loose key.
WITH q AS (SELECT unnest(from_json($pairs, '[{"a":"VARCHAR","k":"VARCHAR","l":"VARCHAR"}]'), recursive := true))
SELECT q.a AS artist_mbid, q.k AS probe, rk.recording_mbid, bool_or(rk.key = q.k) AS exact
FROM q JOIN mb_recording_keys rk ON rk.artist_mbid = q.a AND (rk.key = q.k OR rk.loose = q.l)
GROUP BY ALL
