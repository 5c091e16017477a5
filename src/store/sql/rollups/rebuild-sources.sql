-- rollup_sources recomputed from the listens, of every user ($user_id NULL) or one.
INSERT INTO rollup_sources
SELECT user_id, source, platform, country, client, count(*)
FROM listens
WHERE $user_id::INTEGER IS NULL OR user_id = $user_id::INTEGER
GROUP BY user_id, source, platform, country, client
ORDER BY user_id
