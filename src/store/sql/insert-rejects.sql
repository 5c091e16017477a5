-- Rejected and skipped rows, once each even when a file is imported again.
INSERT INTO rejected_records (import_run_id, user_id, file, line, status, reason, message, raw)
SELECT r.import_run_id, r.user_id, r.file, r.line, r.status, r.reason, r.message, r.raw
FROM (SELECT DISTINCT ON (user_id, file, line, reason) * FROM stage_rejects) r
WHERE NOT EXISTS (
  SELECT 1 FROM rejected_records x
  WHERE x.user_id = r.user_id AND x.file = r.file AND x.line = r.line AND x.reason = r.reason AND x.raw = r.raw
)
ORDER BY r.file, r.line;
