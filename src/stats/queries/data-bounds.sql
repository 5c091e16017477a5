-- Earliest and latest listen of anyone, widened to whole ms: bounds for open ranges. DuckDB answers
-- this from column statistics without scanning, and a superset of one user's span is all the
-- callers need.
SELECT epoch_ms(min(listened_at)) - 1 AS min_ms, epoch_ms(max(listened_at)) + 1 AS max_ms FROM listens
