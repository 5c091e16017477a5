-- The credits of candidate recordings ($mbids): artists in order, with the names they are credited as.
SELECT mbid, position, artist_mbid, credited_name, join_phrase
FROM mb_credits
WHERE entity = 'recording' AND mbid IN (SELECT unnest(from_json($mbids, '["VARCHAR"]')))
ORDER BY mbid, position
