-- The artists, credits, recordings and releases a batch names for the first time (ids already
-- allocated): each statement takes its rows as one JSON array ($1), so a table costs one round trip
-- (a staging table cost three: append, insert, clear).
INSERT INTO artists (id, key, name, mbid)
SELECT r.id, r.key, r.name, r.mbid
FROM (SELECT unnest(from_json($1, '[{"id": "INTEGER", "key": "VARCHAR", "name": "VARCHAR", "mbid": "VARCHAR"}]')) AS r);

INSERT INTO artist_credits (id, key, name)
SELECT r.id, r.key, r.name
FROM (SELECT unnest(from_json($1, '[{"id": "INTEGER", "key": "VARCHAR", "name": "VARCHAR"}]')) AS r);

INSERT INTO artist_credit_members (credit_id, position, artist_id, credited_name, join_phrase)
SELECT r.credit_id, r.position, r.artist_id, r.credited_name, r.join_phrase
FROM (SELECT unnest(from_json($1, '[{"credit_id": "INTEGER", "position": "SMALLINT", "artist_id": "INTEGER",
  "credited_name": "VARCHAR", "join_phrase": "VARCHAR"}]')) AS r);

INSERT INTO recordings (id, key, title, artist_credit_id, artist_id, mbid, isrc, length_ms)
SELECT r.id, r.key, r.title, r.artist_credit_id, r.artist_id, r.mbid, r.isrc, r.length_ms
FROM (SELECT unnest(from_json($1, '[{"id": "INTEGER", "key": "VARCHAR", "title": "VARCHAR", "artist_credit_id": "INTEGER",
  "artist_id": "INTEGER", "mbid": "VARCHAR", "isrc": "VARCHAR", "length_ms": "INTEGER"}]')) AS r);

INSERT INTO releases (id, key, title, artist_id, mbid, release_group_mbid)
SELECT r.id, r.key, r.title, r.artist_id, r.mbid, r.release_group_mbid
FROM (SELECT unnest(from_json($1, '[{"id": "INTEGER", "key": "VARCHAR", "title": "VARCHAR", "artist_id": "INTEGER",
  "mbid": "VARCHAR", "release_group_mbid": "VARCHAR"}]')) AS r);
