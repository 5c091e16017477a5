-- How a user's plays in [from, to) split by source, platform, country or client ($field), each
-- value with its plays and share of the total; missing or blank values count as 'unknown'.
-- Sources are the first source of each listen (further sources of a merged play are not counted).
WITH scoped AS (
  SELECT CASE $field
           WHEN 'source' THEN source
           WHEN 'platform' THEN platform
           WHEN 'country' THEN country
           WHEN 'client' THEN client
         END AS raw_value
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
),
per_value AS (
  SELECT coalesce(nullif(trim(raw_value), ''), 'unknown') AS value, count(*) AS plays
  FROM scoped
  GROUP BY raw_value
)
SELECT value, sum(plays) AS plays, sum(plays) / sum(sum(plays)) OVER () AS share
FROM per_value
GROUP BY value
ORDER BY plays DESC, value
