-- The MusicBrainz catalogue, read from the JSON data dumps (src/catalog/dump-import.ts): artists,
-- release groups, releases and recordings with what matching and enrichment need. Keyed by MBID.
-- No PRIMARY KEY constraints: a dump line replaces its entity by delete + insert in one transaction
-- per batch (store/catalog-writer.ts), and an index would slow the bulk appends of a full dump.
-- `stub` rows were seen only inside another entity's line (a recording's credited artist, a
-- release's release group); a line of the entity's own dump always replaces a stub.

CREATE TABLE mb_artists (
  mbid            VARCHAR NOT NULL,
  name            VARCHAR NOT NULL,
  sort_name       VARCHAR,
  disambiguation  VARCHAR,
  type            VARCHAR,                  -- Person | Group | Orchestra | Choir | Character | Other
  gender          VARCHAR,
  country         VARCHAR,                  -- ISO 3166-1 alpha-2
  begin_date      VARCHAR,                  -- partial date: YYYY, YYYY-MM or YYYY-MM-DD
  end_date        VARCHAR,
  stub            BOOLEAN NOT NULL,
  import_id       BIGINT NOT NULL
);

CREATE TABLE mb_release_groups (
  mbid               VARCHAR NOT NULL,
  title              VARCHAR NOT NULL,
  primary_type       VARCHAR,               -- Album | Single | EP | Broadcast | Other
  secondary_types    VARCHAR[],             -- Compilation, Live, Soundtrack, Remix, DJ-mix …
  first_release_date VARCHAR,
  disambiguation     VARCHAR,
  credit             VARCHAR,               -- the artist credit as display text
  stub               BOOLEAN NOT NULL,
  import_id          BIGINT NOT NULL
);

CREATE TABLE mb_releases (
  mbid               VARCHAR NOT NULL,
  title              VARCHAR NOT NULL,
  release_group_mbid VARCHAR,
  status             VARCHAR,
  date               VARCHAR,
  country            VARCHAR,
  barcode            VARCHAR,
  has_front_art      BOOLEAN,               -- cover-art-archive.front: the Cover Art Archive has a front image
  disambiguation     VARCHAR,
  credit             VARCHAR,
  stub               BOOLEAN NOT NULL,
  import_id          BIGINT NOT NULL
);

CREATE TABLE mb_recordings (
  mbid               VARCHAR NOT NULL,
  title              VARCHAR NOT NULL,
  length_ms          INTEGER,
  video              BOOLEAN,
  disambiguation     VARCHAR,
  first_release_date VARCHAR,
  credit             VARCHAR,
  stub               BOOLEAN NOT NULL,
  import_id          BIGINT NOT NULL
);

-- What belongs to one entity line (entity = artist | release-group | release | recording): replaced
-- with it.
CREATE TABLE mb_aliases (
  entity     VARCHAR NOT NULL,
  mbid       VARCHAR NOT NULL,
  name       VARCHAR NOT NULL,
  sort_name  VARCHAR,
  locale     VARCHAR,
  type       VARCHAR,                       -- Artist name | Legal name | Search hint | …
  is_primary BOOLEAN
);

CREATE TABLE mb_credits (
  entity        VARCHAR NOT NULL,
  mbid          VARCHAR NOT NULL,
  position      SMALLINT NOT NULL,
  artist_mbid   VARCHAR NOT NULL,
  credited_name VARCHAR NOT NULL,
  join_phrase   VARCHAR NOT NULL
);

-- Genres (is_genre) and folksonomy tags with their vote counts.
CREATE TABLE mb_tags (
  entity   VARCHAR NOT NULL,
  mbid     VARCHAR NOT NULL,
  name     VARCHAR NOT NULL,
  count    INTEGER NOT NULL,
  is_genre BOOLEAN NOT NULL
);

CREATE TABLE mb_isrcs (
  recording_mbid VARCHAR NOT NULL,
  isrc           VARCHAR NOT NULL
);

-- A release's track list: which recordings it holds.
CREATE TABLE mb_release_tracks (
  release_mbid   VARCHAR NOT NULL,
  medium         SMALLINT NOT NULL,
  position       INTEGER NOT NULL,
  recording_mbid VARCHAR NOT NULL,
  title          VARCHAR NOT NULL,
  length_ms      INTEGER
);

-- Names as matching keys, computed at import by the listens' own rules (domain/normalise.ts) plus
-- the looser key of catalog/match-keys.ts: artist names, aliases and sort names, release and
-- release-group titles, recording titles and aliases.
CREATE TABLE mb_keys (
  entity VARCHAR NOT NULL,
  mbid   VARCHAR NOT NULL,
  kind   VARCHAR NOT NULL,                  -- name | alias | sort
  key    VARCHAR NOT NULL,
  loose  VARCHAR NOT NULL
);

-- A recording's title keys under each of its credited artists: the matcher's main look-up,
-- (artist, title) → recording, without a join of credits and keys per batch.
CREATE TABLE mb_recording_keys (
  artist_mbid    VARCHAR NOT NULL,
  position       SMALLINT NOT NULL,
  key            VARCHAR NOT NULL,
  loose          VARCHAR NOT NULL,
  recording_mbid VARCHAR NOT NULL
);

-- How many recordings credit each artist first: the tie-breaker between artists of one name,
-- recomputed after each import (store/catalog-import-repository.ts), not per matching batch.
CREATE TABLE mb_artist_weights (
  artist_mbid VARCHAR NOT NULL,
  recordings  INTEGER NOT NULL
);

-- Each `catalog import` of one dump file (or archive member).
CREATE SEQUENCE catalog_imports_id_seq START 1;
CREATE TABLE catalog_imports (
  id           BIGINT PRIMARY KEY DEFAULT nextval('catalog_imports_id_seq'),
  file         VARCHAR NOT NULL,
  entity       VARCHAR NOT NULL,
  dump_timestamp VARCHAR,                   -- mbdump/TIMESTAMP when the archive has it
  status       VARCHAR NOT NULL,            -- running | completed | truncated | failed | interrupted
  started_at   TIMESTAMP NOT NULL,
  finished_at  TIMESTAMP,
  lines        BIGINT NOT NULL DEFAULT 0,
  imported     BIGINT NOT NULL DEFAULT 0,
  bad_lines    BIGINT NOT NULL DEFAULT 0
);

-- Small facts about the catalogue: its generation (bumped by every import that changed it, so the
-- matcher retries what it could not match) and the matcher's high-water mark over listens.
CREATE TABLE catalog_state (
  name  VARCHAR PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO catalog_state VALUES ('generation', 0), ('matched_up_to_listen', 0);
