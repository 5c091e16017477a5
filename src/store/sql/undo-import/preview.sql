-- What undoing import run $run (of user $user) would change: the listens it inserted (less those
-- another source also reported, which are kept and promoted to that source), the second-source
-- records it added to other listens, its collection items and the rows it left out.
WITH own AS (
  SELECT id FROM listens WHERE user_id = $user AND import_run_id = $run
),
promoted AS (
  SELECT DISTINCT ls.listen_id
  FROM listen_sources ls JOIN own ON own.id = ls.listen_id
  WHERE ls.import_run_id IS DISTINCT FROM $run
)
SELECT (SELECT count(*) FROM own) - (SELECT count(*) FROM promoted) AS listens,
       (SELECT count(*) FROM promoted) AS promoted,
       (SELECT count(*) FROM listen_sources WHERE user_id = $user AND import_run_id = $run) AS sources,
       (SELECT count(*) FROM collection_items WHERE user_id = $user AND import_run_id = $run) AS collection_items,
       (SELECT count(*) FROM rejected_records WHERE user_id = $user AND import_run_id = $run) AS rejected_records
