-- Earliest and latest listen of anyone: bounds for open ranges. DuckDB answers this from column
-- statistics without scanning, and a superset of one user's span is all the callers need.
SELECT epoch_us(min(listened_at)) AS min_us, epoch_us(max(listened_at)) AS max_us FROM listens
