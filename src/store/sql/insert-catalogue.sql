-- The artists, credits, recordings and releases a batch names for the first time (ids already allocated).
INSERT INTO artists (id, key, name, mbid) SELECT id, key, name, mbid FROM stage_artists;
INSERT INTO artist_credits (id, key, name) SELECT id, key, name FROM stage_artist_credits;
INSERT INTO artist_credit_members SELECT * FROM stage_artist_credit_members;
INSERT INTO recordings (id, key, title, artist_credit_id, artist_id, mbid, isrc, length_ms)
  SELECT id, key, title, artist_credit_id, artist_id, mbid, isrc, length_ms FROM stage_recordings;
INSERT INTO releases (id, key, title, artist_id, mbid, release_group_mbid)
  SELECT id, key, title, artist_id, mbid, release_group_mbid FROM stage_releases;
