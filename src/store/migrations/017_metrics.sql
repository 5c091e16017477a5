-- The batch metrics (gold), per UTC day, computed by `listenhouse metrics run` from the listens and
-- the stream's events; and each run with its phases, volumes and alert, for the pipeline's monitoring.

CREATE SEQUENCE metric_run_ids START 1;

CREATE TABLE metric_runs (
  id           BIGINT PRIMARY KEY DEFAULT nextval('metric_run_ids'),
  started_at   TIMESTAMP NOT NULL,
  finished_at  TIMESTAMP,
  status       VARCHAR NOT NULL,            -- running | completed | failed
  day_from     DATE NOT NULL,
  day_to       DATE NOT NULL,
  listens_in   BIGINT NOT NULL DEFAULT 0,   -- listens of the days read
  events_in    BIGINT NOT NULL DEFAULT 0,   -- stream events of the days read
  rejects      BIGINT NOT NULL DEFAULT 0,   -- rejected stream events of the days
  rows_out     BIGINT NOT NULL DEFAULT 0,   -- metric rows written
  phases       VARCHAR,                     -- JSON: [{"phase": …, "ms": …}]
  alert        VARCHAR,                     -- why the run needs a look (failure, volume change), or null
  error        VARCHAR
);

CREATE TABLE metric_top_artists (day DATE NOT NULL, artist VARCHAR NOT NULL, plays BIGINT NOT NULL, rank INTEGER NOT NULL);
CREATE TABLE metric_top_tracks (day DATE NOT NULL, artist VARCHAR NOT NULL, track VARCHAR NOT NULL, plays BIGINT NOT NULL, rank INTEGER NOT NULL);
-- Genres by the hour slot (UTC) of the play: from the events that carry a genre.
CREATE TABLE metric_genre_hours (day DATE NOT NULL, hour INTEGER NOT NULL, genre VARCHAR NOT NULL, plays BIGINT NOT NULL);
-- dimension: country | platform | device
CREATE TABLE metric_breakdowns (day DATE NOT NULL, dimension VARCHAR NOT NULL, value VARCHAR NOT NULL, plays BIGINT NOT NULL);
CREATE TABLE metric_track_actions (
  day DATE NOT NULL, artist VARCHAR NOT NULL, track VARCHAR NOT NULL,
  listens BIGINT NOT NULL, likes BIGINT NOT NULL, shares BIGINT NOT NULL, skips BIGINT NOT NULL,
  skip_rate DOUBLE                          -- skips / (listens + skips)
);
