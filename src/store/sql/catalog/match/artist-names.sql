-- The keys of MusicBrainz artists given by MBID ($mbids): is a submitted artist MBID known, and
-- is it the artist the listen names?
SELECT k.mbid, k.key, k.loose, a.name
FROM mb_keys k JOIN mb_artists a ON a.mbid = k.mbid
WHERE k.entity = 'artist' AND k.mbid IN (SELECT unnest(from_json($mbids, '["VARCHAR"]')))
