-- How far each enrichment task has got over the entities it applies to: found, none (nothing
-- anywhere), failed (services unreachable), and what is left (never done, or due again at $now).
-- covers, genres and descriptions work on the matched albums and artists; collection-covers on the
-- Discogs releases of the collections and wantlists.
WITH tasks AS (SELECT unnest(['covers', 'genres', 'descriptions']) AS task),
each AS (
  SELECT t.task, c.entity, c.mbid, d.outcome, d.retry_at
  FROM tasks t CROSS JOIN enrich_candidates c
  LEFT JOIN enrich_done d ON d.task = t.task AND d.entity = c.entity AND d.mbid = c.mbid
  UNION ALL
  SELECT 'collection-covers', 'discogs-release', r.mbid, d.outcome, d.retry_at
  FROM (SELECT DISTINCT discogs_release_id::VARCHAR AS mbid FROM collection_items) r
  LEFT JOIN enrich_done d
    ON d.task = 'collection-covers' AND d.entity = 'discogs-release' AND d.mbid = r.mbid
)
SELECT task, count(*) AS total,
  count(*) FILTER (WHERE outcome = 'found') AS found,
  count(*) FILTER (WHERE outcome = 'none') AS none,
  count(*) FILTER (WHERE outcome = 'failed') AS failed,
  count(*) FILTER (WHERE outcome IS NULL OR (retry_at IS NOT NULL AND retry_at <= make_timestamp($now * 1000))) AS remaining
FROM each GROUP BY task ORDER BY task
