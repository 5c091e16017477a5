-- Adds ($sign = 1) or takes away ($sign = -1) the delta's plays per source, platform, country and
-- client as stored (missing values stay NULL); a combination left with no plays is removed.
MERGE INTO rollup_sources t
USING (
  SELECT user_id, source, platform, country, client, $sign::BIGINT * count(*) AS plays
  FROM rollup_delta
  GROUP BY user_id, source, platform, country, client
) d
ON t.user_id = d.user_id AND t.source = d.source AND t.platform IS NOT DISTINCT FROM d.platform
   AND t.country IS NOT DISTINCT FROM d.country AND t.client IS NOT DISTINCT FROM d.client
WHEN MATCHED AND t.plays + d.plays = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET plays = t.plays + d.plays
WHEN NOT MATCHED THEN INSERT VALUES (d.user_id, d.source, d.platform, d.country, d.client, d.plays)
