-- The next Discogs releases of the collections and wantlists whose cover the 'collection-covers'
-- task has not looked for, or whose retry time ($now, epoch ms) has come: collection items before
-- wantlist ones, the most recently added first. Done is kept in enrich_done under the entity
-- 'discogs-release' with the release id as text.
WITH releases AS (
  SELECT discogs_release_id AS id, bool_or(list = 'collection') AS owned, max(added_at) AS added_at
  FROM collection_items GROUP BY discogs_release_id
)
SELECT r.id
FROM releases r
LEFT JOIN enrich_done d
  ON d.task = 'collection-covers' AND d.entity = 'discogs-release' AND d.mbid = r.id::VARCHAR
WHERE d.mbid IS NULL OR (d.retry_at IS NOT NULL AND d.retry_at <= make_timestamp($now * 1000))
ORDER BY r.owned DESC, r.added_at DESC NULLS LAST, r.id
LIMIT $limit
