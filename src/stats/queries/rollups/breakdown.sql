-- breakdown.sql for a range that holds the user's whole history, from the all-time plays per
-- source, platform, country and client (rollup_sources_of): $field's values with their plays and
-- share; missing or blank values count as 'unknown'.
WITH per_raw AS (
  SELECT CASE $field
           WHEN 'source' THEN source
           WHEN 'platform' THEN platform
           WHEN 'country' THEN country
           WHEN 'client' THEN client
         END AS raw_value,
         sum(plays) AS plays
  FROM rollup_sources_of($user_id)
  GROUP BY raw_value
),
per_value AS (
  SELECT coalesce(nullif(trim(raw_value), ''), 'unknown') AS value, plays FROM per_raw
)
SELECT value, sum(plays) AS plays, sum(plays) / sum(sum(plays)) OVER () AS share
FROM per_value
GROUP BY value
ORDER BY plays DESC, value
