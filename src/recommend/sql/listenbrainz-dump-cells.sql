-- The cells of a ListenBrainz listens dump in Parquet (the Spark dump's columns: listened_at,
-- user_id, recording_msid, recording_mbid, artist_name, …), aggregated on the way in: one row
-- per (user, item) with the play count and the latest listen. A recording is its MBID when the
-- listen is mapped, else its MSID; an artist is its credit name.
CREATE OR REPLACE TEMP TABLE rec_cells AS
SELECT CAST(user_id AS VARCHAR) AS u,
       __ITEM__ AS i,
       CAST(count(*) AS DOUBLE) AS w,
       CAST(epoch(max(listened_at)) AS DOUBLE) AS t
FROM read_parquet($path)
WHERE user_id IS NOT NULL AND __ITEM__ IS NOT NULL
GROUP BY 1, 2
