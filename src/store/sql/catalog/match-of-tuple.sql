-- One tuple with its stored names and its match (if any), and whether `user_id` listened to it.
SELECT c.name AS artist, r.title AS track, rel.title AS release,
  m.status, m.method, m.confidence, m.artist_mbids, m.recording_mbid, m.release_mbid, m.release_group_mbid,
  EXISTS (SELECT 1 FROM listens l WHERE l.user_id = $user_id AND l.artist_credit_id = $credit_id
          AND l.recording_id = $recording_id AND coalesce(l.release_id, 0) = $release_id) AS listened,
  EXISTS (SELECT 1 FROM listens l WHERE l.artist_credit_id = $credit_id AND l.recording_id = $recording_id
          AND coalesce(l.release_id, 0) = $release_id) AS stored
FROM artist_credits c
JOIN recordings r ON r.id = $recording_id
LEFT JOIN releases rel ON rel.id = $release_id
LEFT JOIN catalog_matches m
  ON m.credit_id = $credit_id AND m.recording_id = $recording_id AND m.release_id = $release_id
WHERE c.id = $credit_id
