-- Who led each local month or year ($period) of [from, to): for every period with listens, the
-- $limit artists, releases or recordings ($entity) with the most plays, or the most known listening
-- time when $by = 'time' (played_ms, else duration_ms), ranked from 1; ties: more plays, then the
-- lower id, as in the top-* queries. Every credited artist of a listen gets it; listens without a
-- release are left out of releases. Periods come from the hour-bucket grid of
-- local-listen-buckets.sql: listens are counted per UTC bucket and entity first, and only those
-- groups take their zone offset (ASOF JOIN), so no listen is converted to local time one by one.
WITH per_bucket AS (
  SELECT (epoch_us(listened_at) + $shift_ms::BIGINT * 1000) // ($width_ms::BIGINT * 1000) AS bucket,
         CASE $entity WHEN 'releases' THEN release_id
                      WHEN 'recordings' THEN recording_id
                      ELSE artist_credit_id END AS key,
         count(*) AS plays,
         sum(coalesce(played_ms, duration_ms)) AS known_ms
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
    AND ($entity <> 'releases' OR release_id IS NOT NULL)
  GROUP BY bucket, key
),
segments AS (
  SELECT unnest(string_split($segment_starts, ',')::BIGINT[]) AS start_ms,
         unnest(string_split($segment_offsets, ',')::BIGINT[]) AS offset_ms
),
per_period AS (
  SELECT date_trunc($period, epoch_ms(b.bucket * $width_ms::BIGINT - $shift_ms + s.offset_ms))::DATE AS period_start,
         b.key,
         sum(b.plays) AS plays,
         coalesce(sum(b.known_ms), 0) AS known_ms
  FROM per_bucket b
  ASOF JOIN segments s ON b.bucket * $width_ms::BIGINT - $shift_ms >= s.start_ms
  GROUP BY period_start, b.key
),
per_entity AS (
  -- A credit naming one artist twice still counts once for that artist.
  SELECT p.period_start, m.artist_id AS id, sum(p.plays) AS plays, sum(p.known_ms) AS known_ms
  FROM per_period p
  JOIN (SELECT DISTINCT credit_id, artist_id FROM artist_credit_members) m ON m.credit_id = p.key
  WHERE $entity = 'artists'
  GROUP BY p.period_start, m.artist_id
  UNION ALL
  SELECT period_start, key AS id, plays, known_ms FROM per_period WHERE $entity <> 'artists'
),
ranked AS (
  SELECT period_start, id, plays, known_ms,
         row_number() OVER (
           PARTITION BY period_start
           ORDER BY CASE WHEN $by = 'time' THEN known_ms ELSE plays END DESC, plays DESC, id
         ) AS rank
  FROM per_entity
  QUALIFY rank <= $limit
)
SELECT strftime(r.period_start, '%Y-%m-%d') AS start, r.rank, r.id,
       CASE $entity WHEN 'artists' THEN a.name WHEN 'releases' THEN rel.title ELSE rec.title END AS name,
       CASE $entity WHEN 'releases' THEN ra.name WHEN 'recordings' THEN ac.name END AS artist,
       r.plays, r.known_ms
FROM ranked r
LEFT JOIN artists a ON $entity = 'artists' AND a.id = r.id
LEFT JOIN releases rel ON $entity = 'releases' AND rel.id = r.id
LEFT JOIN artists ra ON ra.id = rel.artist_id
LEFT JOIN recordings rec ON $entity = 'recordings' AND rec.id = r.id
LEFT JOIN artist_credits ac ON ac.id = rec.artist_credit_id
ORDER BY r.period_start, r.rank
