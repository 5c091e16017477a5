-- The credits behind a batch of tuples ($credits, JSON array of ids): one row per member, in order,
-- with the name as credited, the artist's key and any MBID a source gave ('' when none).
SELECT c.id, c.name, m.position, m.credited_name, a.key, m.join_phrase, coalesce(a.mbid, '') AS mbid
FROM artist_credits c
JOIN artist_credit_members m ON m.credit_id = c.id
JOIN artists a ON a.id = m.artist_id
WHERE c.id IN (SELECT unnest(from_json($credits, '["INTEGER"]')))
ORDER BY c.id, m.position
