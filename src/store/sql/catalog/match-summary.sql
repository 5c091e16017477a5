-- How far matching has got: tuples and their listens by match status and method, and the stored
-- tuples not looked at yet (no row in catalog_matches).
WITH tuples AS (
  SELECT artist_credit_id AS credit_id, recording_id, coalesce(release_id, 0) AS release_id, count(*) AS listens
  FROM listens GROUP BY ALL
)
SELECT coalesce(m.status, 'pending') AS status, coalesce(m.method, 'none') AS method,
  count(*)::BIGINT AS tuples, sum(t.listens)::BIGINT AS listens
FROM tuples t
LEFT JOIN catalog_matches m
  ON m.credit_id = t.credit_id AND m.recording_id = t.recording_id AND m.release_id = t.release_id
GROUP BY ALL
ORDER BY listens DESC
