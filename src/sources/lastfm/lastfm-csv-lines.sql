-- Last.fm scrobbles of lastfm-to-csv (artist,album,track,date; no header, or its own header on the
-- first line), read by DuckDB: the bulk import's extraction (store/bulk-stage.ts). One row per line
-- that csv-parse would make a record of (an empty line is none), with the columns
-- store/sql/bulk/stage-rows.sql reads. A line is `fast` when it has no quotes and four fields, and
-- its date reads as parseLastfmTextDate reads it: then its values are what mapLastfmCsvRow
-- (map-scrobble.ts) makes of it. Every other line (quoted fields, now-playing rows, bad dates) goes
-- through that JavaScript, so it is skipped or rejected with the same reason and message.
WITH rows AS (
  SELECT line, text,
         CASE WHEN NOT contains(text, '"') THEN string_split(text, ',') END AS f
  FROM bulk_lines
  WHERE text IS NOT NULL AND text <> ''
),
records AS (
  SELECT *
  FROM rows
  -- Its own header on the first line is no record (the JavaScript reader skips it too).
  WHERE NOT (line = 1 AND f IS NOT NULL
             AND list_transform(f, x -> lower(trim(x))) = ['artist', 'album', 'name', 'date'])
),
dated AS (
  SELECT *,
         regexp_extract(f[4], '^\s*(\d{1,2}) ([A-Za-z]{3}) (\d{4}),? (\d{1,2}):(\d{2})\s*$',
                        ['day', 'month', 'year', 'hour', 'minute']) AS d
  FROM records
),
timed AS (
  SELECT *,
         try(make_timestamp(
           TRY_CAST(d.year AS BIGINT),
           list_position(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
                         lower(d.month)),
           TRY_CAST(d.day AS BIGINT), TRY_CAST(d.hour AS BIGINT), TRY_CAST(d.minute AS BIGINT), 0)) AS played_at
  FROM dated
)
SELECT line,
       coalesce(len(f) = 4 AND d.day <> '' AND played_at IS NOT NULL, false) AS fast,
       epoch_ms(played_at) AS listened_at_ms,
       'start' AS stamped_edge,
       60::SMALLINT AS precision_s,
       NULL::VARCHAR AS user_name,
       f[1] AS artist,
       f[3] AS track,
       nullif(f[2], '') AS release,
       NULL::VARCHAR AS credit_json,
       NULL::VARCHAR[] AS artist_mbids_raw,
       NULL::DOUBLE AS duration_raw,
       NULL::DOUBLE AS played_raw,
       NULL::VARCHAR AS recording_mbid_raw,
       NULL::VARCHAR AS release_mbid_raw,
       NULL::VARCHAR AS release_group_mbid_raw,
       NULL::VARCHAR AS isrc,
       NULL::VARCHAR AS spotify_uri,
       NULL::VARCHAR AS client,
       NULL::VARCHAR AS platform,
       NULL::VARCHAR AS country,
       NULL::VARCHAR AS source_record_id
FROM timed
