-- An entity's plays in [from, to) for its page: plays, known time, plays of unknown length, first
-- and last listen, the user's plays in the range (for the share), and the sources its listens came
-- from (the first source of each listen, plus every further source merged into one).
WITH e AS MATERIALIZED (
  SELECT id, listened_at, played_ms, duration_ms, source
  FROM entity_listens($user_id, $from_ms, $to_ms, $kind, $id)
),
sources AS (
  SELECT source, count(*) AS plays FROM (
    SELECT source FROM e
    UNION ALL
    SELECT s.source FROM listen_sources s WHERE s.listen_id IN (SELECT id FROM e)
  ) GROUP BY source
)
SELECT (SELECT count(*) FROM e) AS plays,
       (SELECT coalesce(sum(coalesce(played_ms, duration_ms)), 0) FROM e) AS known_ms,
       (SELECT count(*) - count(coalesce(played_ms, duration_ms)) FROM e) AS unknown_plays,
       (SELECT min(listened_at) FROM e) AS first_listen,
       (SELECT max(listened_at) FROM e) AS last_listen,
       (SELECT count(*) FROM listens WHERE user_id = $user_id
          AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)) AS user_plays,
       (SELECT list({'source': source, 'plays': plays} ORDER BY plays DESC, source) FROM sources) AS sources
