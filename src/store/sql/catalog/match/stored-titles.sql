-- The recordings' and releases' titles and keys behind a batch of tuples ($recordings, $releases:
-- JSON arrays of ids); length 0 when unknown.
SELECT 'recording' AS kind, id, title, key, coalesce(length_ms, 0) AS length_ms FROM recordings
WHERE id IN (SELECT unnest(from_json($recordings, '["INTEGER"]')))
UNION ALL
SELECT 'release', id, title, key, 0 FROM releases
WHERE id IN (SELECT unnest(from_json($releases, '["INTEGER"]')))
