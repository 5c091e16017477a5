-- Served recommendations: each user's top-N per entity, computed from the production model when it
-- is promoted (and again when they expire or the user gives feedback), each with its explanation
-- (JSON: the parts behind the score). And the user's feedback: an item marked "not interested"
-- never comes back in their lists. No primary keys: a user's rows are replaced by a delete and an
-- insert in one transaction, which DuckDB's key checks would refuse within the same transaction.
CREATE TABLE recommendations (
  user_id          INTEGER NOT NULL,
  entity           VARCHAR NOT NULL,
  model_version_id BIGINT NOT NULL,
  rank             INTEGER NOT NULL,                  -- 1 = best
  item_id          INTEGER NOT NULL,                  -- recordings.id, artists.id or releases.id
  score            DOUBLE NOT NULL,
  explanation      JSON NOT NULL,
  computed_at      TIMESTAMP NOT NULL,
  expires_at       TIMESTAMP NOT NULL
);

CREATE TABLE recommendation_feedback (
  user_id     INTEGER NOT NULL,
  entity      VARCHAR NOT NULL,
  item_id     INTEGER NOT NULL,
  feedback    VARCHAR NOT NULL,                       -- not_interested
  created_at  TIMESTAMP NOT NULL
);
