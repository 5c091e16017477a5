-- entity-counts.sql for a range that holds the user's whole history, from the rollups: how many
-- different credited artists, releases, release groups and recordings the user played.
WITH per_release AS (
  SELECT r.release_id, g.listened_group_mbid
  FROM rollup_releases_of($user_id) r
  LEFT JOIN rollup_listened_groups_of($user_id) g ON g.release_id = r.release_id
)
SELECT
  (SELECT count(*) FROM rollup_artists_of($user_id)) AS artists,
  (SELECT count(*) FROM per_release) AS releases,
  (SELECT count(DISTINCT coalesce(rel.release_group_mbid, p.listened_group_mbid, 'release:' || p.release_id))
   FROM per_release p JOIN releases rel ON rel.id = p.release_id) AS release_groups,
  (SELECT count(*) FROM rollup_recordings_of($user_id)) AS recordings
