-- Enrichment (src/enrich): every answer of an outside service kept, "not found" included, with
-- when to ask again, so a restart never asks twice; images stored once by content hash; the genres
-- and descriptions it derived.

CREATE TABLE enrich_http_cache (
  service      VARCHAR NOT NULL,            -- musicbrainz | coverartarchive | discogs | spotify | llm
  request_key  VARCHAR NOT NULL,            -- the request without credentials
  outcome      VARCHAR NOT NULL,            -- found | not_found | failed
  status       INTEGER,                     -- the last HTTP status (null: no answer)
  body         VARCHAR,                     -- the answer (JSON text), or for an image its content hash
  fetched_at   TIMESTAMP NOT NULL,
  retry_after  TIMESTAMP,                   -- not_found / failed: not asked again before this
  tries        INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (service, request_key)
);

CREATE TABLE enrich_images (
  hash       VARCHAR PRIMARY KEY,           -- sha256 of the bytes, hex
  mime       VARCHAR NOT NULL,
  bytes      INTEGER NOT NULL,
  width      INTEGER,
  height     INTEGER,
  stored_at  TIMESTAMP NOT NULL
);

-- Artwork of an entity: `full` and `thumb` (the source's own small size) images.
CREATE TABLE enrich_artwork (
  entity     VARCHAR NOT NULL,              -- artist | release | release-group
  mbid       VARCHAR NOT NULL,
  size       VARCHAR NOT NULL,              -- full | thumb
  hash       VARCHAR NOT NULL,
  source     VARCHAR NOT NULL,              -- coverartarchive | discogs | spotify
  source_url VARCHAR,
  PRIMARY KEY (entity, mbid, size)
);

-- Canonical genres of an entity (catalog genre tree), from MusicBrainz genres and tags (votes as
-- weights), Discogs styles, or the keyword fallback (source 'keyword').
CREATE TABLE enrich_genres (
  entity    VARCHAR NOT NULL,               -- artist | release-group | recording
  mbid      VARCHAR NOT NULL,
  genre     VARCHAR NOT NULL,               -- a top-level genre of the tree
  subgenre  VARCHAR,                        -- the MusicBrainz genre or Discogs style it came from
  weight    DOUBLE NOT NULL,                -- share of the entity's votes, 0..1
  source    VARCHAR NOT NULL                -- musicbrainz | discogs | keyword
);

CREATE TABLE enrich_descriptions (
  entity     VARCHAR NOT NULL,              -- artist | release-group
  mbid       VARCHAR NOT NULL,
  text       VARCHAR NOT NULL,
  source     VARCHAR NOT NULL,              -- llm | template
  model      VARCHAR,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (entity, mbid)
);

-- What each enrichment task has done to each entity, so batches resume where they stopped.
CREATE TABLE enrich_done (
  task     VARCHAR NOT NULL,                -- covers | genres | descriptions
  entity   VARCHAR NOT NULL,
  mbid     VARCHAR NOT NULL,
  outcome  VARCHAR NOT NULL,                -- found | none | failed
  done_at  TIMESTAMP NOT NULL,
  retry_at TIMESTAMP,                       -- none / failed: try again after this
  PRIMARY KEY (task, entity, mbid)
);
