-- Whose listens an import run stored: a Last.fm 1K file, a simulated history or a ListenBrainz
-- export names its own users, so a run can hold several, in the order the file named them.
-- import_runs.user_id is the run's owner: the first of them, else the user the import ran as.
-- (A table, not a list column on import_runs: DuckDB 1.5 cannot replay an ALTER TABLE of a table
-- whose key defaults to nextval() from its write-ahead log.)
CREATE TABLE import_run_users (
  import_run_id BIGINT NOT NULL,
  position      SMALLINT NOT NULL,
  user_id       INTEGER NOT NULL,
  PRIMARY KEY (import_run_id, position)
);
