-- Before listens are added (the delta's quarters): the stored sessions they may join or link up,
-- every session of the user that ends no earlier than a gap before the delta's first start and starts
-- no later than a gap after its latest end. A session further away keeps its bounds: the new listens
-- leave a silence longer than the gap on that side of it.
INSERT INTO rollup_sessions_replaced
SELECT s.user_id, s.start_us
FROM rollup_sessions s
JOIN (
  SELECT user_id, min(first_start_us) AS first_start_us, max(last_end_us) AS last_end_us
  FROM rollup_delta_quarters
  GROUP BY user_id
) d ON s.user_id = d.user_id
   AND s.end_us >= d.first_start_us - $gap_us::BIGINT
   AND s.start_us <= d.last_end_us + $gap_us::BIGINT
