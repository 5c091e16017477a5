-- The matcher's staging table on the write connection (empty between batches).
CREATE TEMP TABLE IF NOT EXISTS stage_catalog_matches (
  credit_id INTEGER, recording_id INTEGER, release_id INTEGER, status VARCHAR, method VARCHAR,
  confidence DOUBLE, artist_mbids VARCHAR, recording_mbid VARCHAR, release_mbid VARCHAR,
  release_group_mbid VARCHAR, suggestion VARCHAR)
