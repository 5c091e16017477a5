-- Promotes the chosen second sources (undo_promotions) to be their listens: the listen keeps its
-- names, catalogue ids, MBIDs and lengths (the match said they agree), and takes the source's start,
-- source, format, record id, import run and raw record; client, platform and country described the
-- record being undone, so they are cleared. Answers the promoted listens' ids.
UPDATE listens AS l
SET listened_at = p.listened_at, source = p.source, format = p.format, source_record_id = p.source_record_id,
    import_run_id = p.import_run_id, raw = p.raw, client = NULL, platform = NULL, country = NULL
FROM undo_promotions p
WHERE l.id = p.listen_id AND l.user_id = $user
RETURNING l.id
