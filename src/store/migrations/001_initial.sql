-- The first schema: users, the catalogue (artists, credits, recordings, releases), listens with
-- provenance, collections, and the import book-keeping that keeps every rejected row.
-- Times are UTC TIMESTAMPs; the connection's TimeZone is pinned to UTC.

CREATE SEQUENCE users_id_seq START 1;
CREATE TABLE users (
  id          INTEGER PRIMARY KEY DEFAULT nextval('users_id_seq'),
  name        VARCHAR NOT NULL UNIQUE,
  role        VARCHAR NOT NULL DEFAULT 'user',      -- 'admin' | 'user'
  privacy     VARCHAR NOT NULL DEFAULT 'private',   -- 'private' | 'public'
  time_zone   VARCHAR NOT NULL DEFAULT 'UTC',
  created_at  TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);

-- The default user: a single person never has to name one (CLI: DEFAULT_USER).
INSERT INTO users (name, role) VALUES ('me', 'admin');

CREATE SEQUENCE tokens_id_seq START 1;
CREATE TABLE tokens (
  id           INTEGER PRIMARY KEY DEFAULT nextval('tokens_id_seq'),
  user_id      INTEGER NOT NULL,
  token_hash   VARCHAR NOT NULL UNIQUE,              -- sha256 hex of the token; the token itself is never stored
  label        VARCHAR,
  created_at   TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
  last_used_at TIMESTAMP,
  revoked_at   TIMESTAMP
);

CREATE SEQUENCE import_runs_id_seq START 1;
CREATE TABLE import_runs (
  id           BIGINT PRIMARY KEY DEFAULT nextval('import_runs_id_seq'),
  user_id      INTEGER NOT NULL,
  file         VARCHAR NOT NULL,                     -- absolute path as imported
  format       VARCHAR,
  dry_run      BOOLEAN NOT NULL DEFAULT false,
  status       VARCHAR NOT NULL,                     -- running | completed | failed | interrupted
  started_at   TIMESTAMP NOT NULL,
  finished_at  TIMESTAMP,
  records_read BIGINT NOT NULL DEFAULT 0,
  inserted     BIGINT NOT NULL DEFAULT 0,
  duplicates   BIGINT NOT NULL DEFAULT 0,
  merged       BIGINT NOT NULL DEFAULT 0,
  skipped      BIGINT NOT NULL DEFAULT 0,
  rejected     BIGINT NOT NULL DEFAULT 0,
  report       JSON
);

-- The catalogue. Keys are normalised text (see src/domain/normalise.ts); MBIDs fill in when known.
CREATE SEQUENCE artists_id_seq START 1;
CREATE TABLE artists (
  id         INTEGER PRIMARY KEY DEFAULT nextval('artists_id_seq'),
  key        VARCHAR NOT NULL UNIQUE,
  name       VARCHAR NOT NULL,
  sort_name  VARCHAR,
  mbid       VARCHAR,
  genres     VARCHAR[]
);

CREATE SEQUENCE artist_credits_id_seq START 1;
CREATE TABLE artist_credits (
  id    INTEGER PRIMARY KEY DEFAULT nextval('artist_credits_id_seq'),
  key   VARCHAR NOT NULL UNIQUE,
  name  VARCHAR NOT NULL                               -- the credit as first seen, e.g. "Jay-Z feat. Alicia Keys"
);

CREATE TABLE artist_credit_members (
  credit_id     INTEGER NOT NULL,
  position      SMALLINT NOT NULL,
  artist_id     INTEGER NOT NULL,
  credited_name VARCHAR NOT NULL,
  join_phrase   VARCHAR NOT NULL DEFAULT '',
  PRIMARY KEY (credit_id, position)
);

CREATE SEQUENCE recordings_id_seq START 1;
CREATE TABLE recordings (
  id               INTEGER PRIMARY KEY DEFAULT nextval('recordings_id_seq'),
  key              VARCHAR NOT NULL UNIQUE,            -- primary artist key + title key (version tags ignored)
  title            VARCHAR NOT NULL,
  artist_credit_id INTEGER NOT NULL,
  artist_id        INTEGER NOT NULL,
  mbid             VARCHAR,
  isrc             VARCHAR,
  length_ms        INTEGER
);

CREATE SEQUENCE releases_id_seq START 1;
CREATE TABLE releases (
  id                 INTEGER PRIMARY KEY DEFAULT nextval('releases_id_seq'),
  key                VARCHAR NOT NULL UNIQUE,          -- artist key + release title key
  title              VARCHAR NOT NULL,
  artist_id          INTEGER NOT NULL,
  mbid               VARCHAR,
  release_group_mbid VARCHAR,
  cover_art_url      VARCHAR
);

-- One row per play. No PRIMARY KEY constraint on purpose: its index would slow bulk appends and
-- every lookup we need filters by user and time anyway. `id` comes from the sequence.
CREATE SEQUENCE listens_id_seq START 1;
CREATE TABLE listens (
  id                 BIGINT NOT NULL DEFAULT nextval('listens_id_seq'),
  user_id            INTEGER NOT NULL,
  listened_at        TIMESTAMP NOT NULL,               -- start of the play, UTC
  stamped_edge       VARCHAR NOT NULL,                 -- edge the first source stamped: start | end
  precision_s        SMALLINT NOT NULL,
  duration_ms        INTEGER,                          -- track length
  played_ms          INTEGER,                          -- time actually played
  artist             VARCHAR NOT NULL,                 -- credit text as submitted (NFC, trimmed)
  track              VARCHAR NOT NULL,
  release            VARCHAR,
  artist_credit_id   INTEGER NOT NULL,
  artist_id          INTEGER NOT NULL,                 -- primary (first credited) artist
  recording_id       INTEGER NOT NULL,                 -- with user and start: the listen's identity
  release_id         INTEGER,
  artist_mbids       VARCHAR[],
  recording_mbid     VARCHAR,
  release_mbid       VARCHAR,
  release_group_mbid VARCHAR,
  isrc               VARCHAR,
  spotify_uri        VARCHAR,
  source             VARCHAR NOT NULL,                 -- first source: listenbrainz | spotify | lastfm | …
  format             VARCHAR NOT NULL,                 -- the importer format that read it
  source_record_id   VARCHAR,
  client             VARCHAR,
  platform           VARCHAR,
  country            VARCHAR,
  import_run_id      BIGINT,
  raw                VARCHAR,                          -- the record as the source gave it, for re-processing
  inserted_at        TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);

-- Further sources that reported a play already stored (the cross-source merge).
CREATE TABLE listen_sources (
  listen_id        BIGINT NOT NULL,
  user_id          INTEGER NOT NULL,
  recording_id     INTEGER NOT NULL,
  source           VARCHAR NOT NULL,
  format           VARCHAR NOT NULL,
  listened_at      TIMESTAMP NOT NULL,                 -- start as this source stamped it
  source_record_id VARCHAR,
  import_run_id    BIGINT,
  raw              VARCHAR,
  added_at         TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);

CREATE SEQUENCE collection_items_id_seq START 1;
CREATE TABLE collection_items (
  id                 BIGINT PRIMARY KEY DEFAULT nextval('collection_items_id_seq'),
  user_id            INTEGER NOT NULL,
  list               VARCHAR NOT NULL,                 -- collection | wantlist
  discogs_release_id BIGINT NOT NULL,
  instance           INTEGER NOT NULL,                 -- nth copy of the same release in this list
  artist             VARCHAR NOT NULL,
  title              VARCHAR NOT NULL,
  label              VARCHAR,
  catalog_number     VARCHAR,
  format             VARCHAR,
  rating             SMALLINT,
  released_year      SMALLINT,
  folder             VARCHAR,
  added_at           TIMESTAMP,
  media_condition    VARCHAR,
  sleeve_condition   VARCHAR,
  notes              VARCHAR,
  import_run_id      BIGINT,
  raw                VARCHAR,
  UNIQUE (user_id, list, discogs_release_id, instance)
);

-- Rows left out of an import, by rule (skipped) or because they are broken (rejected).
CREATE SEQUENCE rejected_records_id_seq START 1;
CREATE TABLE rejected_records (
  id            BIGINT PRIMARY KEY DEFAULT nextval('rejected_records_id_seq'),
  import_run_id BIGINT NOT NULL,
  user_id       INTEGER NOT NULL,
  file          VARCHAR NOT NULL,
  line          INTEGER NOT NULL,
  status        VARCHAR NOT NULL,                      -- skipped | rejected
  reason        VARCHAR NOT NULL,
  message       VARCHAR NOT NULL,
  raw           VARCHAR NOT NULL,
  created_at    TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);
