-- A part of a file as a bulk import stages it (store/bulk-stage.ts): the source's extraction
-- (sources/<format>/*.sql) reads its lines (bulk_lines: line, text) and gives every record's fields
-- as the source has them; here the time window and the tidying of validateListen (ingest/validate.ts) apply to the
-- rows the SQL takes (`fast`), with the same constants bound: $earliest_ms, $latest_ms, $mbid,
-- $max_duration_ms. A row out of the window is left to JavaScript, which rejects it with its
-- message. The names, artist MBIDs and credit of a fast row make its `tuple`, named by their hash:
-- each distinct one is checked and normalised once, in JavaScript (which checks that no two tuples
-- share a hash: tuples.sql).
CREATE OR REPLACE TEMP TABLE bulk_rows AS
WITH extracted AS (
  {{extraction}}
),
tidied AS (
  SELECT line,
         coalesce(fast AND listened_at_ms BETWEEN $earliest_ms AND $latest_ms, false) AS fast,
         listened_at_ms, stamped_edge, precision_s, user_name, artist, track, release, credit_json,
         nullif(list_transform(list_filter(artist_mbids_raw, m -> regexp_full_match(m, $mbid, 'i')), m -> lower(m)), [])
           AS artist_mbids,
         CASE WHEN duration_raw BETWEEN 0 AND $max_duration_ms THEN round(duration_raw)::INTEGER END AS duration_ms,
         CASE WHEN played_raw BETWEEN 0 AND $max_duration_ms THEN round(played_raw)::INTEGER END AS played_ms,
         CASE WHEN regexp_full_match(recording_mbid_raw, $mbid, 'i') THEN lower(recording_mbid_raw) END AS recording_mbid,
         CASE WHEN regexp_full_match(release_mbid_raw, $mbid, 'i') THEN lower(release_mbid_raw) END AS release_mbid,
         CASE WHEN regexp_full_match(release_group_mbid_raw, $mbid, 'i') THEN lower(release_group_mbid_raw) END
           AS release_group_mbid,
         isrc, spotify_uri, client, platform, country, source_record_id
  FROM extracted
)
SELECT *, CASE WHEN fast THEN (hash(artist, track, release, credit_json, artist_mbids) >> 1)::BIGINT END AS tuple_id
FROM tidied
