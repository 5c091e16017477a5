-- The rollups' high-water mark (sql/rollups/tables.sql, rollup_state): a database made before it
-- has rollups that hold every listen, so the mark starts at the highest listen id.
CREATE TABLE IF NOT EXISTS rollup_state (applied_through BIGINT NOT NULL);
INSERT INTO rollup_state
SELECT highest FROM (SELECT coalesce(max(id), 0) AS highest FROM listens)
WHERE NOT EXISTS (SELECT 1 FROM rollup_state);
