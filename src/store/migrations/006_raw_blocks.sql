-- What a bulk import keeps of each record it read (ingest/bulk-entry.ts): the file's own lines,
-- deflated in blocks, instead of a copy of every record in listens.raw. A listen stored from such a
-- line has in `raw` a reference, 'listenhouse:raw/<block id>/<line>', which store/raw-records.ts
-- resolves back to the line's text; the listens of other imports keep their record as before.
-- A block is stored in pieces of a few kilobytes, one row each (`piece` from 0): DuckDB keeps a
-- longer BLOB in an overflow block that stays in memory until the next checkpoint, and a large
-- import's blocks then filled its memory.
CREATE SEQUENCE raw_blocks_id_seq START 1;
CREATE TABLE raw_blocks (
  id            BIGINT NOT NULL,                       -- the block, from raw_blocks_id_seq
  piece         INTEGER NOT NULL,
  import_run_id BIGINT NOT NULL,
  file          VARCHAR NOT NULL,                      -- the entry as reports name it
  first_line    INTEGER NOT NULL,
  lines         INTEGER NOT NULL,
  data          BLOB NOT NULL                          -- the lines' bytes as the file had them, raw deflate
);
