-- Stores the staged listens that are new, in the order staged (a file's order: by time, mostly, which
-- keeps DuckDB's zone maps useful for range queries; sorting a bulk import's chunk again cost a third
-- of its insert), and records the second source of merged ones.
INSERT INTO listens (
  user_id, listened_at, stamped_edge, precision_s, duration_ms, played_ms, artist, track, release,
  artist_credit_id, artist_id, recording_id, release_id, artist_mbids, recording_mbid,
  release_mbid, release_group_mbid, isrc, spotify_uri, source, format, source_record_id, client,
  platform, country, import_run_id, raw
)
SELECT s.user_id, make_timestamp(s.listened_at_ms * 1000), s.stamped_edge, s.precision_s, s.duration_ms,
       s.played_ms, s.artist, s.track, s.release, s.artist_credit_id, s.artist_id, s.recording_id, s.release_id,
       CASE WHEN s.artist_mbids IS NULL OR s.artist_mbids = '' THEN NULL ELSE string_split(s.artist_mbids, ',') END,
       s.recording_mbid, s.release_mbid, s.release_group_mbid, s.isrc, s.spotify_uri, s.source, s.format,
       s.source_record_id, s.client, s.platform, s.country, s.import_run_id, s.raw
FROM stage_listens s
WHERE s.seq NOT IN (SELECT seq FROM stage_decisions);

INSERT INTO listen_sources (listen_id, user_id, recording_id, source, format, listened_at, source_record_id, import_run_id, raw)
SELECT d.listen_id, s.user_id, s.recording_id, s.source, s.format, make_timestamp(s.listened_at_ms * 1000),
       s.source_record_id, s.import_run_id, s.raw
FROM stage_decisions d JOIN stage_listens s USING (seq)
WHERE d.decision = 'merge';
