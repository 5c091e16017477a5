-- Data quality (src/quality): audit reports kept over time (the score's history), change sets of
-- the fixes with what they replaced (undo restores it), the context a fix keeps for a listen (the
-- radio station of a resolved stream), and the nightly pipeline's runs.

CREATE SEQUENCE audit_reports_id_seq START 1;
CREATE TABLE audit_reports (
  id          BIGINT PRIMARY KEY DEFAULT nextval('audit_reports_id_seq'),
  created_at  TIMESTAMP NOT NULL,
  score       DOUBLE NOT NULL,                -- 0..100
  listens     BIGINT NOT NULL,
  trigger     VARCHAR NOT NULL,               -- cli | api | pipeline
  report      JSON NOT NULL                   -- the whole report: breakdown, findings, examples
);

-- A fix applied: what it was asked to do, how much it changed, and whether it was undone. The rows
-- it replaced are kept in the shadow tables quality_shadow_<table> (made on first use with the
-- table's own columns, so a later column of listens is kept too); the rows it created are listed
-- in change_set_created.
CREATE SEQUENCE change_sets_id_seq START 1;
CREATE TABLE change_sets (
  id          BIGINT PRIMARY KEY DEFAULT nextval('change_sets_id_seq'),
  kind        VARCHAR NOT NULL,               -- split-collaborations | merge-artists | … (src/quality/fixes.ts)
  params      JSON NOT NULL,
  status      VARCHAR NOT NULL,               -- applied | undone
  created_at  TIMESTAMP NOT NULL,
  created_by  VARCHAR NOT NULL,               -- a user name, or 'pipeline'
  summary     VARCHAR NOT NULL,               -- one line: what it did
  counts      JSON NOT NULL,                  -- listens changed, removed, catalogue rows …
  undone_at   TIMESTAMP,
  undone_by   VARCHAR
);

CREATE TABLE change_set_created (
  change_set_id BIGINT NOT NULL,
  tbl           VARCHAR NOT NULL,             -- listens | artists | artist_credits | recordings | releases
  id            BIGINT NOT NULL
);

-- What a fix keeps about a listen beside its names: the station a radio-stream listen was heard on.
CREATE TABLE listen_contexts (
  listen_id BIGINT NOT NULL,
  kind      VARCHAR NOT NULL,                 -- station
  value     VARCHAR NOT NULL
);

CREATE SEQUENCE pipeline_runs_id_seq START 1;
CREATE TABLE pipeline_runs (
  id            BIGINT PRIMARY KEY DEFAULT nextval('pipeline_runs_id_seq'),
  trigger       VARCHAR NOT NULL,             -- schedule | cli | api
  status        VARCHAR NOT NULL,             -- running | completed | failed | interrupted
  started_at    TIMESTAMP NOT NULL,
  finished_at   TIMESTAMP,
  score_before  DOUBLE,
  score_after   DOUBLE,
  phases        JSON NOT NULL,                -- [{name, status, startedAt, ms, tries, in, out, error}]
  error         VARCHAR
);
