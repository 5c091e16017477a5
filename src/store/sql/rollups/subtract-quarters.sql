-- Takes the delta's quarters away from rollup_quarters: sums are subtracted (extremes were found
-- again first, refresh-quarter-extremes.sql); a quarter left with no plays is removed.
MERGE INTO rollup_quarters q
USING rollup_delta_quarters d
ON q.user_id = d.user_id AND q.quarter = d.quarter
WHEN MATCHED AND q.plays <= d.plays THEN DELETE
WHEN MATCHED THEN UPDATE SET
  plays = q.plays - d.plays,
  known_ms = q.known_ms - d.known_ms,
  unknown_plays = q.unknown_plays - d.unknown_plays
