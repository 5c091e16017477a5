-- The recommender's registry: every trained model version with what it is (entity, kind,
-- parameters), the data it saw (counts, time range, a fingerprint), how it scored (metrics on the
-- split it was judged on) and its bytes (src/recommend/models/model-file.ts). At most one version
-- per entity is in production; retraining (src/recommend/registry) moves the others along:
-- candidate → production → retired, or candidate → rejected.
CREATE SEQUENCE model_versions_id_seq START 1;
CREATE TABLE model_versions (
  id               BIGINT PRIMARY KEY DEFAULT nextval('model_versions_id_seq'),
  entity           VARCHAR NOT NULL,                  -- recording | artist | release
  kind             VARCHAR NOT NULL,                  -- pop | itemknn | als | bpr | content | hybrid
  params           JSON NOT NULL,
  status           VARCHAR NOT NULL,                  -- candidate | production | retired | rejected
  trained_at       TIMESTAMP NOT NULL,
  train_seconds    DOUBLE NOT NULL,
  data_users       INTEGER NOT NULL,
  data_items       INTEGER NOT NULL,
  data_interactions BIGINT NOT NULL,
  data_listens     BIGINT NOT NULL,
  data_from        TIMESTAMP,                          -- first and last listen it saw
  data_to          TIMESTAMP,
  data_fingerprint VARCHAR NOT NULL,                   -- sha256 of the interactions it was trained on
  item_popularity  JSON NOT NULL,                      -- listeners per item id at training: what drift is measured from
  metrics          JSON,                               -- on the split it was judged on
  artifact         BLOB NOT NULL,
  promoted_at      TIMESTAMP,
  retired_at       TIMESTAMP
);
