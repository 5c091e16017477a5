-- Candidate recordings ($mbids): title, length (0 when unknown) and first release date.
SELECT mbid, title, coalesce(length_ms, 0) AS length_ms, coalesce(first_release_date, '') AS first_release_date
FROM mb_recordings WHERE mbid IN (SELECT unnest(from_json($mbids, '["VARCHAR"]')))
