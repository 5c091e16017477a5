-- The stretch of time the quarters marked for refresh cover, in epoch µs: bounds for reading their listens.
SELECT min(quarter) * 900000000 AS from_us, (max(quarter) + 1) * 900000000 AS to_us
FROM rollup_delta_quarters
WHERE refresh
