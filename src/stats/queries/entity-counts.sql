-- How many different artists (every credited artist of a listen, as in top-artists-by-plays.sql),
-- releases, release groups (as in top-release-groups-by-plays.sql) and recordings a user played in
-- [from, to): the totals beside the top lists.
WITH scoped AS MATERIALIZED (
  SELECT artist_credit_id, release_id, recording_id, release_group_mbid
  FROM listens
  WHERE user_id = $user_id
    AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)
),
per_release AS (
  SELECT release_id, max(release_group_mbid) AS listened_group_mbid
  FROM scoped
  WHERE release_id IS NOT NULL
  GROUP BY release_id
)
SELECT
  (SELECT count(DISTINCT m.artist_id) FROM artist_credit_members m
   WHERE m.credit_id IN (SELECT artist_credit_id FROM scoped)) AS artists,
  (SELECT count(*) FROM per_release) AS releases,
  (SELECT count(DISTINCT coalesce(rel.release_group_mbid, p.listened_group_mbid, 'release:' || p.release_id))
   FROM per_release p JOIN releases rel ON rel.id = p.release_id) AS release_groups,
  (SELECT count(DISTINCT recording_id) FROM scoped) AS recordings
