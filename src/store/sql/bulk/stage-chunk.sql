-- The fast rows of the staged part (lines [$from, $to]) into the writer's staging table (stage.sql), with their
-- tuple's names and catalogue ids (bulk_names, bulk_ids) and their user (bulk_users; the run's
-- listen user $default_user when the row names none, or when --user was given: $user_given).
-- `seq` is the line, so the duplicate decision keeps the first of two identical lines, as it keeps
-- the first of a batch read line by line. A fast row's raw record is its line in the chunk's raw
-- blocks ($block_ids, each of $block_lines lines from $from): raw-records.ts reads it back.
INSERT INTO stage_listens
SELECT r.line::INTEGER, CASE WHEN $user_given THEN $default_user ELSE coalesce(u.user_id, $default_user) END,
       r.listened_at_ms, r.stamped_edge, r.precision_s, r.duration_ms, r.played_ms,
       n.artist_credit, n.track, n.release, i.credit_id, i.artist_id, i.recording_id, i.release_id,
       array_to_string(r.artist_mbids, ','), r.recording_mbid, r.release_mbid, r.release_group_mbid, r.isrc,
       r.spotify_uri, $source, $format, r.source_record_id, r.client, r.platform, r.country, $import_run_id,
       'listenhouse:raw/' || $block_ids[(r.line - $from) // $block_lines + 1] || '/' || r.line
FROM bulk_rows r
JOIN bulk_names n USING (tuple_id)
JOIN bulk_ids i USING (tuple_id)
LEFT JOIN bulk_users u ON u.name = r.user_name
WHERE r.fast
