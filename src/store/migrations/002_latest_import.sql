-- How far each user's imports from an outside service have got (ListenBrainz's /1/latest-import):
-- import tools read it to resume where they stopped and write it after each batch. One row per
-- user and service; the value only ever moves forward.
CREATE TABLE latest_imports (
  user_id        INTEGER NOT NULL,
  service        VARCHAR NOT NULL,                   -- lastfm | librefm | spotify | … (lower case)
  latest_import  TIMESTAMP NOT NULL,                 -- the newest imported listen, UTC
  updated_at     TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
  PRIMARY KEY (user_id, service)
);
