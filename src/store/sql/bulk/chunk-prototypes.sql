-- For each tuple among the fast rows of the staged part: its first line there and that line's
-- values, which name a catalogue entry the batch creates (a new recording takes the MBID, ISRC and
-- length of the first listen that names it, as in the line-by-line import).
SELECT tuple_id, min(line) AS line,
       arg_min(recording_mbid, line) AS recording_mbid, arg_min(isrc, line) AS isrc,
       arg_min(duration_ms, line) AS duration_ms, arg_min(release_mbid, line) AS release_mbid,
       arg_min(release_group_mbid, line) AS release_group_mbid
FROM bulk_rows
WHERE fast
GROUP BY tuple_id
