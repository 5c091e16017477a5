-- ListenBrainz listens, one JSON object per line (user exports, public dumps), read by DuckDB: the
-- bulk import's extraction (store/bulk-stage.ts, ingest/bulk-entry.ts). One row per non-blank line,
-- with the columns store/sql/bulk/stage-rows.sql reads. A line is `fast` when the SQL reads it as
-- mapListenBrainzListen (map-listen.ts) does: its values below are what that mapper and
-- validateListen make of it, the names excepted (checked and normalised per distinct combination in
-- JavaScript). Any other line keeps its text and goes through that JavaScript itself, so its reject,
-- reason and message are the ones a line-by-line import gives.
-- Each line is read with the types of every field the mapper reads (json_transform: one parse, no
-- JSON re-serialised); only the artist and track names, which must be strings, are read as JSON to
-- check that. Unlike
-- the mapper, an optional text field holding a number or a boolean is read as its text, and a
-- numeric field holding a boolean as 0 or 1: values no exporter writes (docs/import-formats.md,
-- "Bulk imports"). The one bind is the pattern of map-listen.ts SPOTIFY_URL.
WITH records AS (
  SELECT line, text,
         try(json_transform(text, '{
           "listened_at": "DOUBLE", "timestamp": "DOUBLE", "ts_since_epoch": "DOUBLE", "user_name": "VARCHAR",
           "recording_msid": "VARCHAR",
           "track_metadata": {
             "artist_name": "JSON", "track_name": "JSON", "release_name": "VARCHAR", "recording_msid": "VARCHAR",
             "mbid_mapping": {"artists": "JSON", "artist_mbids": ["VARCHAR"], "recording_mbid": "VARCHAR",
                              "release_mbid": "VARCHAR"},
             "additional_info": {
               "duration_ms": "DOUBLE", "duration": "DOUBLE", "ms_played": "DOUBLE", "artist_mbids": ["VARCHAR"],
               "recording_mbid": "VARCHAR", "release_mbid": "VARCHAR", "release_group_mbid": "VARCHAR",
               "isrc": "VARCHAR", "spotify_id": "VARCHAR", "origin_url": "VARCHAR", "submission_client": "VARCHAR",
               "media_player": "VARCHAR", "recording_msid": "VARCHAR", "listenhouse_source": "VARCHAR",
               "listenhouse_format": "VARCHAR", "listenhouse_listened_at_ms": "VARCHAR",
               "listenhouse_precision_s": "VARCHAR", "listenhouse_stamped_edge": "VARCHAR"
             }
           }
         }')) AS j
  FROM bulk_lines
  WHERE text IS NOT NULL AND NOT regexp_full_match(text, '[ \t\r]*')
),
fields AS (
  SELECT line, text,
         j.track_metadata AS meta,
         j.track_metadata.additional_info AS info,
         j.track_metadata.mbid_mapping AS mapping,
         j.user_name, j.recording_msid,
         -- As the mapper's ??: the first of the three that is there.
         coalesce(j.listened_at, j."timestamp", j.ts_since_epoch) AS seconds
  FROM records
),
typed AS (
  SELECT line, text, seconds,
         nullif(j_user, '') AS user_name,
         meta.artist_name ->> '$' AS artist,
         meta.track_name ->> '$' AS track,
         nullif(meta.release_name, '') AS release,
         CASE WHEN prefix(mapping.artists::VARCHAR, '[') THEN mapping.artists::VARCHAR END AS credit_json,
         coalesce(nullif(list_filter(info.artist_mbids, m -> m <> ''), []),
                  nullif(list_filter(mapping.artist_mbids, m -> m <> ''), [])) AS artist_mbids_raw,
         coalesce(info.duration_ms, round(info.duration * 1000)) AS duration_raw,
         info.ms_played AS played_raw,
         coalesce(nullif(info.recording_mbid, ''), nullif(mapping.recording_mbid, '')) AS recording_mbid_raw,
         coalesce(nullif(info.release_mbid, ''), nullif(mapping.release_mbid, '')) AS release_mbid_raw,
         nullif(info.release_group_mbid, '') AS release_group_mbid_raw,
         nullif(info.isrc, '') AS isrc,
         -- toSpotifyUri(spotify_id) ?? toSpotifyUri(origin_url): the first that is a Spotify id or link.
         list_filter([nullif(info.spotify_id, ''), nullif(info.origin_url, '')],
                     u -> starts_with(u, 'spotify:') OR regexp_matches(u, $spotify_url))[1] AS spotify_link,
         coalesce(nullif(info.submission_client, ''), nullif(info.media_player, '')) AS client,
         coalesce(nullif(meta.recording_msid, ''), nullif(j_msid, ''), nullif(info.recording_msid, ''))
           AS source_record_id,
         -- JSON.parse refuses anything after the object; json_transform reads the object and stops.
         meta IS NOT NULL
           AND prefix(meta.artist_name::VARCHAR, '"') AND prefix(meta.track_name::VARCHAR, '"')
           AND seconds IS NOT NULL
           AND CASE WHEN suffix(text, '}') THEN true ELSE regexp_matches(text, '\}[ \t\r]*$') END
           -- A listenhouse export's own provenance: the mapper's reading of it stays in JavaScript.
           AND info.listenhouse_source IS NULL AND info.listenhouse_format IS NULL
           AND info.listenhouse_listened_at_ms IS NULL AND info.listenhouse_precision_s IS NULL
           AND info.listenhouse_stamped_edge IS NULL
           AS plain
  FROM (SELECT *, user_name AS j_user, recording_msid AS j_msid FROM fields)
)
SELECT line,
       plain AS fast,
       CASE WHEN plain THEN round(seconds * 1000)::BIGINT END AS listened_at_ms,
       'start' AS stamped_edge,
       1::SMALLINT AS precision_s,
       user_name, artist, track, release, credit_json, artist_mbids_raw, duration_raw, played_raw,
       recording_mbid_raw, release_mbid_raw, release_group_mbid_raw, isrc,
       CASE WHEN starts_with(spotify_link, 'spotify:') THEN spotify_link
            ELSE 'spotify:' || regexp_extract(spotify_link, $spotify_url, 1) || ':'
                 || regexp_extract(spotify_link, $spotify_url, 2) END AS spotify_uri,
       client,
       NULL::VARCHAR AS platform,
       NULL::VARCHAR AS country,
       source_record_id
FROM typed
