-- The distinct (artist credit, recording, release) of the listens after listen id $after that have
-- no match yet, or found nothing (or only their artists) against an older catalogue generation than
-- $generation: what the matcher works through, most played first. Submitted MBIDs and length are the
-- most common among the tuple's listens ('' and 0 when none).
SELECT t.credit_id, t.recording_id, t.release_id, t.listens, t.recording_mbid, t.release_mbid, t.length_ms
FROM (
  SELECT artist_credit_id AS credit_id, recording_id, coalesce(release_id, 0) AS release_id,
    count(*)::INTEGER AS listens,
    coalesce(mode(recording_mbid), '') AS recording_mbid,
    coalesce(mode(release_mbid), '') AS release_mbid,
    coalesce(median(duration_ms), 0)::INTEGER AS length_ms
  FROM listens
  WHERE id > $after
  GROUP BY ALL
) t
LEFT JOIN catalog_matches m
  ON m.credit_id = t.credit_id AND m.recording_id = t.recording_id AND m.release_id = t.release_id
WHERE m.credit_id IS NULL OR (m.status IN ('unmatched', 'partial') AND m.generation < $generation)
ORDER BY t.listens DESC, t.credit_id, t.recording_id, t.release_id
