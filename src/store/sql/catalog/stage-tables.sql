-- The catalogue writer's staging tables (one set per write connection; empty between batches): a
-- batch of dump lines is appended here, then merged by merge-batch.sql in one transaction.
CREATE TEMP TABLE IF NOT EXISTS stage_mb_artists (
  inst BIGINT, mbid VARCHAR, stub BOOLEAN, name VARCHAR, sort_name VARCHAR, disambiguation VARCHAR,
  type VARCHAR, gender VARCHAR, country VARCHAR, begin_date VARCHAR, end_date VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS stage_mb_release_groups (
  inst BIGINT, mbid VARCHAR, stub BOOLEAN, title VARCHAR, primary_type VARCHAR, secondary_types VARCHAR,
  first_release_date VARCHAR, disambiguation VARCHAR, credit VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS stage_mb_releases (
  inst BIGINT, mbid VARCHAR, stub BOOLEAN, title VARCHAR, release_group_mbid VARCHAR, status VARCHAR,
  date VARCHAR, country VARCHAR, barcode VARCHAR, has_front_art BOOLEAN, disambiguation VARCHAR, credit VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS stage_mb_recordings (
  inst BIGINT, mbid VARCHAR, stub BOOLEAN, title VARCHAR, length_ms INTEGER, video BOOLEAN,
  disambiguation VARCHAR, first_release_date VARCHAR, credit VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS stage_mb_aliases (
  inst BIGINT, entity VARCHAR, mbid VARCHAR, name VARCHAR, sort_name VARCHAR, locale VARCHAR, type VARCHAR,
  is_primary BOOLEAN);
CREATE TEMP TABLE IF NOT EXISTS stage_mb_credits (
  inst BIGINT, entity VARCHAR, mbid VARCHAR, position SMALLINT, artist_mbid VARCHAR, credited_name VARCHAR,
  join_phrase VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS stage_mb_tags (
  inst BIGINT, entity VARCHAR, mbid VARCHAR, name VARCHAR, count INTEGER, is_genre BOOLEAN);
CREATE TEMP TABLE IF NOT EXISTS stage_mb_isrcs (inst BIGINT, entity VARCHAR, mbid VARCHAR, isrc VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS stage_mb_release_tracks (
  inst BIGINT, entity VARCHAR, mbid VARCHAR, medium SMALLINT, position INTEGER, recording_mbid VARCHAR,
  title VARCHAR, length_ms INTEGER);
CREATE TEMP TABLE IF NOT EXISTS stage_mb_keys (
  inst BIGINT, entity VARCHAR, mbid VARCHAR, kind VARCHAR, key VARCHAR, loose VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS stage_mb_recording_keys (
  inst BIGINT, entity VARCHAR, mbid VARCHAR, artist_mbid VARCHAR, position SMALLINT, key VARCHAR, loose VARCHAR);
-- Which occurrence of each entity the batch stores (see choose-occurrences.sql).
CREATE TEMP TABLE IF NOT EXISTS stage_mb_chosen (entity VARCHAR, mbid VARCHAR, inst BIGINT, stub BOOLEAN);
