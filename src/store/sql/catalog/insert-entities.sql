-- The chosen occurrences of a batch and what belongs to them, stored.
INSERT INTO mb_artists
SELECT s.mbid, s.name, s.sort_name, s.disambiguation, s.type, s.gender, s.country, s.begin_date, s.end_date, s.stub, $import_id
FROM stage_mb_artists s SEMI JOIN stage_mb_chosen c ON c.inst = s.inst;
INSERT INTO mb_release_groups
SELECT s.mbid, s.title, s.primary_type, CASE WHEN s.secondary_types = '' THEN [] ELSE string_split(s.secondary_types, chr(31)) END,
  s.first_release_date, s.disambiguation, s.credit, s.stub, $import_id
FROM stage_mb_release_groups s SEMI JOIN stage_mb_chosen c ON c.inst = s.inst;
INSERT INTO mb_releases
SELECT s.mbid, s.title, s.release_group_mbid, s.status, s.date, s.country, s.barcode, s.has_front_art,
  s.disambiguation, s.credit, s.stub, $import_id
FROM stage_mb_releases s SEMI JOIN stage_mb_chosen c ON c.inst = s.inst;
INSERT INTO mb_recordings
SELECT s.mbid, s.title, s.length_ms, s.video, s.disambiguation, s.first_release_date, s.credit, s.stub, $import_id
FROM stage_mb_recordings s SEMI JOIN stage_mb_chosen c ON c.inst = s.inst;
INSERT INTO mb_aliases
SELECT s.entity, s.mbid, s.name, s.sort_name, s.locale, s.type, s.is_primary
FROM stage_mb_aliases s SEMI JOIN stage_mb_chosen c ON c.inst = s.inst;
INSERT INTO mb_credits
SELECT s.entity, s.mbid, s.position, s.artist_mbid, s.credited_name, s.join_phrase
FROM stage_mb_credits s SEMI JOIN stage_mb_chosen c ON c.inst = s.inst;
INSERT INTO mb_tags
SELECT s.entity, s.mbid, s.name, s.count, s.is_genre
FROM stage_mb_tags s SEMI JOIN stage_mb_chosen c ON c.inst = s.inst;
INSERT INTO mb_isrcs
SELECT DISTINCT s.mbid, s.isrc
FROM stage_mb_isrcs s SEMI JOIN stage_mb_chosen c ON c.inst = s.inst;
INSERT INTO mb_release_tracks
SELECT s.mbid, s.medium, s.position, s.recording_mbid, s.title, s.length_ms
FROM stage_mb_release_tracks s SEMI JOIN stage_mb_chosen c ON c.inst = s.inst;
INSERT INTO mb_keys
SELECT s.entity, s.mbid, s.kind, s.key, s.loose
FROM stage_mb_keys s SEMI JOIN stage_mb_chosen c ON c.inst = s.inst;
INSERT INTO mb_recording_keys
SELECT s.artist_mbid, s.position, s.key, s.loose, s.mbid
FROM stage_mb_recording_keys s SEMI JOIN stage_mb_chosen c ON c.inst = s.inst;
