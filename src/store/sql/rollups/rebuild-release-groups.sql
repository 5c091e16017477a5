-- rollup_release_groups recomputed from the listens, of every user ($user_id NULL) or one.
INSERT INTO rollup_release_groups
SELECT user_id, release_id, release_group_mbid, count(*)
FROM listens
WHERE ($user_id::INTEGER IS NULL OR user_id = $user_id::INTEGER)
  AND release_id IS NOT NULL AND release_group_mbid IS NOT NULL
GROUP BY user_id, release_id, release_group_mbid
ORDER BY user_id, release_id
