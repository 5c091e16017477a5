-- For each listen of import run $run that another source also reported, that source's record (the
-- first added): the listen stays, as that source's. Fills the temp table undo_promotions.
INSERT INTO undo_promotions
SELECT listen_id, source_rowid, listened_at, source, format, source_record_id, import_run_id, raw
FROM (
  SELECT ls.listen_id, ls.rowid AS source_rowid, ls.listened_at, ls.source, ls.format, ls.source_record_id,
         ls.import_run_id, ls.raw,
         row_number() OVER (PARTITION BY ls.listen_id ORDER BY ls.added_at, ls.rowid) AS n
  FROM listen_sources ls
  JOIN listens l ON l.id = ls.listen_id
  WHERE l.user_id = $user AND l.import_run_id = $run
    AND ls.import_run_id IS DISTINCT FROM $run
)
WHERE n = 1
