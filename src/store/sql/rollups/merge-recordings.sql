-- Adds ($sign = 1) or takes away ($sign = -1) the delta's plays, known time and plays of unknown
-- length per recording; a recording left with no plays is removed.
MERGE INTO rollup_recordings t
USING (
  SELECT user_id, recording_id,
         $sign::BIGINT * count(*) AS plays,
         $sign::BIGINT * coalesce(sum(coalesce(played_ms, duration_ms)), 0) AS known_ms,
         $sign::BIGINT * (count(*) - count(coalesce(played_ms, duration_ms))) AS unknown_plays
  FROM rollup_delta
  GROUP BY user_id, recording_id
) d
ON t.user_id = d.user_id AND t.recording_id = d.recording_id
WHEN MATCHED AND t.plays + d.plays = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET plays = t.plays + d.plays, known_ms = t.known_ms + d.known_ms,
                             unknown_plays = t.unknown_plays + d.unknown_plays
WHEN NOT MATCHED THEN INSERT VALUES (d.user_id, d.recording_id, d.plays, d.known_ms, d.unknown_plays)
