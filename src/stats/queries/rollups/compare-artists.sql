-- compare-artists.sql for a range that holds both users' whole histories, from their all-time plays
-- per credited artist (rollup_artists_of): one row per artist either user played, with both counts.
WITH per_artist AS (
  SELECT $user_id AS user_id, artist_id, plays FROM rollup_artists_of($user_id)
  UNION ALL
  SELECT $other_id AS user_id, artist_id, plays FROM rollup_artists_of($other_id)
)
SELECT p.artist_id AS id, a.name, a.mbid,
       sum(CASE WHEN p.user_id = $user_id THEN p.plays ELSE 0 END) AS plays,
       sum(CASE WHEN p.user_id = $other_id THEN p.plays ELSE 0 END) AS other_plays
FROM per_artist p
JOIN artists a ON a.id = p.artist_id
GROUP BY p.artist_id, a.name, a.mbid
