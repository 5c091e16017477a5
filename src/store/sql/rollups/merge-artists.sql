-- Adds ($sign = 1) or takes away ($sign = -1) the delta's plays per credited artist (every artist of
-- a listen's credit, once each); an artist left with no plays is removed.
MERGE INTO rollup_artists t
USING (
  SELECT d.user_id, m.artist_id,
         $sign::BIGINT * count(*) AS plays,
         $sign::BIGINT * coalesce(sum(coalesce(d.played_ms, d.duration_ms)), 0) AS known_ms,
         $sign::BIGINT * (count(*) - count(coalesce(d.played_ms, d.duration_ms))) AS unknown_plays
  FROM rollup_delta d
  JOIN (SELECT DISTINCT credit_id, artist_id FROM artist_credit_members
        WHERE credit_id IN (SELECT artist_credit_id FROM rollup_delta)) m
    ON m.credit_id = d.artist_credit_id
  GROUP BY d.user_id, m.artist_id
) d
ON t.user_id = d.user_id AND t.artist_id = d.artist_id
WHEN MATCHED AND t.plays + d.plays = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET plays = t.plays + d.plays, known_ms = t.known_ms + d.known_ms,
                             unknown_plays = t.unknown_plays + d.unknown_plays
WHEN NOT MATCHED THEN INSERT VALUES (d.user_id, d.artist_id, d.plays, d.known_ms, d.unknown_plays)
