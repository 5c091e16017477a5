-- Before listens leave: the quarters that keep other listens but lose one that gave them their
-- earliest start, latest start or latest end. Those extremes must be found again among the listens
-- that stay (refresh-quarter-extremes.sql); sums are simply subtracted.
UPDATE rollup_delta_quarters d
SET refresh = true
FROM rollup_quarters q
WHERE q.user_id = d.user_id AND q.quarter = d.quarter AND q.plays > d.plays
  AND (q.first_start_us = d.first_start_us OR q.last_start_us = d.last_start_us
       OR q.last_end_us = d.last_end_us)
