-- A user's releases in [from, to) that are soundtracks, and why: the MusicBrainz release group's
-- secondary type "Soundtrack", a Discogs or MusicBrainz genre of the release group (Stage & Screen,
-- soundtrack …), or the title rule of domain/soundtracks.ts (bound as $pattern). With the period's
-- plays of each, most played first, and the period's plays in all.
WITH played AS (
  SELECT l.release_id, count(*) AS plays, any_value(c.name) AS artist,
    coalesce(any_value(l.release_group_mbid), any_value(m.release_group_mbid)) AS rg
  FROM listens l
  JOIN artist_credits c ON c.id = l.artist_credit_id
  LEFT JOIN catalog_matches m ON m.credit_id = l.artist_credit_id AND m.recording_id = l.recording_id
    AND m.release_id = l.release_id AND m.status IN ('matched', 'partial', 'linked')
  WHERE l.user_id = $user_id AND l.release_id IS NOT NULL
    AND l.listened_at >= epoch_ms($from_ms) AND l.listened_at < epoch_ms($to_ms)
  GROUP BY l.release_id
),
marked AS (
  SELECT p.release_id, r.title, p.artist, p.plays,
    CASE
      WHEN EXISTS (SELECT 1 FROM mb_release_groups g
                   WHERE g.mbid = coalesce(r.release_group_mbid, p.rg) AND list_contains(g.secondary_types, 'Soundtrack'))
        THEN 'musicbrainz'
      WHEN EXISTS (SELECT 1 FROM enrich_genres e
                   WHERE e.entity = 'release-group' AND e.mbid = coalesce(r.release_group_mbid, p.rg)
                     AND (list_contains($genres, lower(e.genre)) OR list_contains($genres, lower(coalesce(e.subgenre, '')))))
        THEN 'genre'
      WHEN regexp_matches(r.title, $pattern) THEN 'title'
    END AS why
  FROM played p JOIN releases r ON r.id = p.release_id
)
SELECT release_id, title, artist, plays, why,
  (SELECT count(*) FROM listens WHERE user_id = $user_id
     AND listened_at >= epoch_ms($from_ms) AND listened_at < epoch_ms($to_ms)) AS all_plays
FROM marked WHERE why IS NOT NULL
ORDER BY plays DESC, title, release_id
