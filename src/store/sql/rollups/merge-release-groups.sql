-- Adds ($sign = 1) or takes away ($sign = -1) the delta's plays per release and the release-group
-- MBID they carried (listens with both); a pair left with no plays is removed.
MERGE INTO rollup_release_groups t
USING (
  SELECT user_id, release_id, release_group_mbid, $sign::BIGINT * count(*) AS plays
  FROM rollup_delta
  WHERE release_id IS NOT NULL AND release_group_mbid IS NOT NULL
  GROUP BY user_id, release_id, release_group_mbid
) d
ON t.user_id = d.user_id AND t.release_id = d.release_id AND t.release_group_mbid = d.release_group_mbid
WHEN MATCHED AND t.plays + d.plays = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET plays = t.plays + d.plays
WHEN NOT MATCHED THEN INSERT VALUES (d.user_id, d.release_id, d.release_group_mbid, d.plays)
