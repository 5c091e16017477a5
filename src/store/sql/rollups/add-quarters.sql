-- Adds the delta's quarters (rollup_delta_quarters) to rollup_quarters: sums add up, the earliest
-- start can only move earlier and the latest start and end only later.
MERGE INTO rollup_quarters q
USING rollup_delta_quarters d
ON q.user_id = d.user_id AND q.quarter = d.quarter
WHEN MATCHED THEN UPDATE SET
  plays = q.plays + d.plays,
  known_ms = q.known_ms + d.known_ms,
  unknown_plays = q.unknown_plays + d.unknown_plays,
  first_start_us = least(q.first_start_us, d.first_start_us),
  last_start_us = greatest(q.last_start_us, d.last_start_us),
  last_end_us = greatest(q.last_end_us, d.last_end_us)
WHEN NOT MATCHED THEN INSERT VALUES (d.user_id, d.quarter, d.plays, d.known_ms, d.unknown_plays,
                                     d.first_start_us, d.last_start_us, d.last_end_us)
