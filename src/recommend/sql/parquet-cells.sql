-- The cells of an interactions file in Parquet with columns user, item, weight (and optionally
-- time): one row per (user, item), weights summed, the latest time kept. Staged in a temporary
-- table so that users and items get dense ids in SQL and only their names cross into JavaScript.
CREATE OR REPLACE TEMP TABLE rec_cells AS
SELECT CAST("user" AS VARCHAR) AS u,
       CAST(item AS VARCHAR) AS i,
       sum(CAST(weight AS DOUBLE)) AS w,
       __TIME__ AS t
FROM read_parquet($path)
WHERE "user" IS NOT NULL AND item IS NOT NULL AND weight IS NOT NULL
GROUP BY 1, 2
