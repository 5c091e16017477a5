-- Adds ($sign = 1) or takes away ($sign = -1) the delta's plays per release and the release-group
-- MBID the listens carried (listens without a release are not counted); a row left with no plays is
-- removed.
MERGE INTO rollup_releases t
USING (
  SELECT user_id, release_id, release_group_mbid,
         $sign::BIGINT * count(*) AS plays,
         $sign::BIGINT * coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms,
         $sign::BIGINT * (count(*) - count(coalesce(played_ms, duration_ms))) AS unknown_plays
  FROM rollup_delta
  WHERE release_id IS NOT NULL
  GROUP BY user_id, release_id, release_group_mbid
) d
ON t.user_id = d.user_id AND t.release_id = d.release_id
   AND t.release_group_mbid IS NOT DISTINCT FROM d.release_group_mbid
WHEN MATCHED AND t.plays + d.plays = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET plays = t.plays + d.plays, known_ms = t.known_ms + d.known_ms,
                             unknown_plays = t.unknown_plays + d.unknown_plays
WHEN NOT MATCHED THEN
  INSERT VALUES (d.user_id, d.release_id, d.release_group_mbid, d.plays, d.known_ms, d.unknown_plays)
