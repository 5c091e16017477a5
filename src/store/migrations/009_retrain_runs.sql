-- Every `recommend retrain` decision and why: how far recent listens drifted from the production
-- model's training data, whether that (or the model's age, or --force) called for a candidate, how
-- the candidate and production scored on the same fresh split, and what was decided.
CREATE SEQUENCE retrain_runs_id_seq START 1;
CREATE TABLE retrain_runs (
  id                    BIGINT PRIMARY KEY DEFAULT nextval('retrain_runs_id_seq'),
  entity                VARCHAR NOT NULL,
  started_at            TIMESTAMP NOT NULL,
  finished_at           TIMESTAMP NOT NULL,
  decision              VARCHAR NOT NULL,             -- promoted | kept | skipped
  reasons               JSON NOT NULL,                -- sentences, in order
  drift                 JSON,                         -- divergence, new-item share, …
  metric                VARCHAR NOT NULL,             -- the metric compared, e.g. ndcg@10
  candidate_version_id  BIGINT,
  production_version_id BIGINT,                       -- production before the decision
  candidate_value       DOUBLE,
  production_value      DOUBLE
);
