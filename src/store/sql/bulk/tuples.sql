-- The distinct names of a bulk import's fast rows, each with its id (their hash): JavaScript checks
-- and normalises each once (ingest/bulk-entry.ts). Two tuples with one hash would both be listed.
SELECT tuple_id, artist, track, release, credit_json, artist_mbids
FROM bulk_rows
WHERE fast
GROUP BY ALL
