-- The stored names behind a batch of tuples: each credit with its members in order (name as
-- credited, the artist's key and any MBID a source gave), each recording's title and key, each
-- release's title and key. $credits, $recordings and $releases are JSON arrays of ids.
SELECT 'credit' AS kind, c.id, c.name AS title, c.key,
  list({name: m.credited_name, key: a.key, join_phrase: m.join_phrase, mbid: coalesce(a.mbid, '')} ORDER BY m.position) AS members,
  NULL::INTEGER AS length_ms
FROM artist_credits c
JOIN artist_credit_members m ON m.credit_id = c.id
JOIN artists a ON a.id = m.artist_id
WHERE c.id IN (SELECT unnest(from_json($credits, '["INTEGER"]')))
GROUP BY c.id, c.name, c.key
UNION ALL
SELECT 'recording', id, title, key, NULL, length_ms FROM recordings
WHERE id IN (SELECT unnest(from_json($recordings, '["INTEGER"]')))
UNION ALL
SELECT 'release', id, title, key, NULL, NULL FROM releases
WHERE id IN (SELECT unnest(from_json($releases, '["INTEGER"]')))
