-- Each distinct (artist credit, recording, release) the listens hold, matched to MusicBrainz
-- (src/catalog/match-service.ts). release_id 0: the listens name no release. artist_mbids are the
-- credit's artists in credit order, ';'-separated as `export mbid-map` writes them.
CREATE TABLE catalog_matches (
  credit_id          INTEGER NOT NULL,
  recording_id       INTEGER NOT NULL,
  release_id         INTEGER NOT NULL,
  status             VARCHAR NOT NULL,      -- matched | unmatched | linked (by hand) | unlinked (by hand)
  method             VARCHAR NOT NULL,      -- hand | submitted | exact | alias | split | fuzzy | artist | none
  confidence         DOUBLE NOT NULL,       -- 0..1; hand links 1
  artist_mbids       VARCHAR,
  recording_mbid     VARCHAR,
  release_mbid       VARCHAR,
  release_group_mbid VARCHAR,
  suggestion         JSON,                  -- the best candidate below the threshold, for the matching view
  generation         BIGINT NOT NULL,       -- the catalogue generation it was matched against
  matched_at         TIMESTAMP NOT NULL
);

-- A user's hand decisions: they win over every automatic match, now and after every re-match.
CREATE TABLE catalog_links (
  credit_id      INTEGER NOT NULL,
  recording_id   INTEGER NOT NULL,
  release_id     INTEGER NOT NULL,
  action         VARCHAR NOT NULL,          -- link | unlink
  artist_mbids   VARCHAR,
  recording_mbid VARCHAR,
  release_mbid   VARCHAR,
  user_id        INTEGER NOT NULL,
  created_at     TIMESTAMP NOT NULL
);
