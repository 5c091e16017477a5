-- The next entities an enrichment task ($task) has not done, or whose retry time ($now, epoch ms)
-- has come, of the kinds asked ($entities, a JSON array), most played first.
SELECT c.entity, c.mbid, c.release_mbid, c.title, c.artist, c.year, c.plays
FROM enrich_candidates c
LEFT JOIN enrich_done d ON d.task = $task AND d.entity = c.entity AND d.mbid = c.mbid
WHERE c.entity IN (SELECT unnest(from_json($entities, '["VARCHAR"]')))
  AND (d.mbid IS NULL OR (d.retry_at IS NOT NULL AND d.retry_at <= make_timestamp($now * 1000)))
ORDER BY c.plays DESC, c.entity, c.mbid
LIMIT $limit
