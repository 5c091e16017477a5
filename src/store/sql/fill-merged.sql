-- What a merged second source knows that its stored listen lacks: lengths, platform, country,
-- client, MBIDs, service ids and the release are filled in; what the first source gave is never
-- overwritten. So a Last.fm scrobble (no length) merged with the Spotify record of the same play
-- has its 320 s played, as it would have had with the other import order.
UPDATE listens l SET
  duration_ms = coalesce(l.duration_ms, s.duration_ms),
  played_ms = coalesce(l.played_ms, s.played_ms),
  release = coalesce(l.release, s.release),
  release_id = coalesce(l.release_id, s.release_id),
  artist_mbids = coalesce(l.artist_mbids,
    CASE WHEN s.artist_mbids IS NULL OR s.artist_mbids = '' THEN NULL ELSE string_split(s.artist_mbids, ',') END),
  recording_mbid = coalesce(l.recording_mbid, s.recording_mbid),
  release_mbid = coalesce(l.release_mbid, s.release_mbid),
  release_group_mbid = coalesce(l.release_group_mbid, s.release_group_mbid),
  isrc = coalesce(l.isrc, s.isrc),
  spotify_uri = coalesce(l.spotify_uri, s.spotify_uri),
  client = coalesce(l.client, s.client),
  platform = coalesce(l.platform, s.platform),
  country = coalesce(l.country, s.country)
FROM stage_decisions d JOIN stage_listens s USING (seq)
WHERE d.decision = 'merge' AND l.id = d.listen_id;
