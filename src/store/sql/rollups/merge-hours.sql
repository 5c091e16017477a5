-- Adds ($sign = 1) or takes away ($sign = -1) the delta's quarters (rollup_delta_quarters) summed per
-- UTC hour; an hour left with no plays is removed.
MERGE INTO rollup_hours h
USING (
  SELECT user_id, fdiv(quarter, 4)::BIGINT AS hour,
         $sign::BIGINT * sum(plays) AS plays,
         $sign::BIGINT * sum(known_ms) AS known_ms,
         $sign::BIGINT * sum(unknown_plays) AS unknown_plays
  FROM rollup_delta_quarters
  GROUP BY user_id, hour
) d
ON h.user_id = d.user_id AND h.hour = d.hour
WHEN MATCHED AND h.plays + d.plays = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET plays = h.plays + d.plays, known_ms = h.known_ms + d.known_ms,
                             unknown_plays = h.unknown_plays + d.unknown_plays
WHEN NOT MATCHED THEN INSERT VALUES (d.user_id, d.hour, d.plays, d.known_ms, d.unknown_plays)
