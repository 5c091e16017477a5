-- Recordings by title alone ($keys, $loose), for a credit none of whose names is in the
-- catalogue: the caller compares each recording's credit with the listen's. At most $per_title
-- recordings per title.
WITH hits AS (
  SELECT rk.key, rk.loose, rk.recording_mbid FROM mb_recording_keys rk
  WHERE rk.position = 0
    AND (rk.key IN (SELECT unnest(from_json($keys, '["VARCHAR"]')))
      OR rk.loose IN (SELECT unnest(from_json($loose, '["VARCHAR"]'))))
)
SELECT DISTINCT key, loose, recording_mbid FROM hits
QUALIFY row_number() OVER (PARTITION BY key ORDER BY recording_mbid) <= $per_title
