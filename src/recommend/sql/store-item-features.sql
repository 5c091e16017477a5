-- Content features of items of one kind ($entity), for the content-based model when there is no
-- features file: the item's primary artist (so "more by an artist you play" is content), and the
-- artist's genres and tags when the catalogue has them. One row per (item, feature), weight 1.
WITH item_artists AS (
  SELECT id AS item_id, artist_id FROM recordings WHERE $entity = 'recording'
  UNION ALL SELECT id, artist_id FROM releases WHERE $entity = 'release'
  UNION ALL SELECT id, id FROM artists WHERE $entity = 'artist'
)
SELECT CAST(ia.item_id AS VARCHAR) AS item, 'artist:' || a.name AS feature, CAST(1 AS FLOAT) AS weight
FROM item_artists ia JOIN artists a ON a.id = ia.artist_id
WHERE $entity <> 'artist'
UNION ALL
SELECT CAST(ia.item_id AS VARCHAR), 'tag:' || g.genre, CAST(1 AS FLOAT)
FROM item_artists ia
JOIN (SELECT id, unnest(genres) AS genre FROM artists WHERE genres IS NOT NULL) g ON g.id = ia.artist_id
