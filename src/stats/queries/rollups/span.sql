-- The first and last start of a user's listens, epoch µs (NULL without listens): whether a range
-- holds the user's whole history, so the all-time rollups answer for it.
SELECT first_start_us, last_start_us FROM rollup_span($user_id)
