-- Which occurrence of each entity a batch stores: its own dump line (the last, should a dump repeat
-- one), else one stub occurrence, and a stub only when the entity is not stored at all yet. MBIDs are
-- unique across entity types, so the rest of the merge goes by mbid alone.
INSERT INTO stage_mb_chosen
SELECT 'artist', mbid, inst, stub FROM stage_mb_artists s
WHERE NOT s.stub OR NOT EXISTS (SELECT 1 FROM mb_artists t WHERE t.mbid = s.mbid)
QUALIFY row_number() OVER (PARTITION BY mbid ORDER BY stub, inst DESC) = 1;
INSERT INTO stage_mb_chosen
SELECT 'release-group', mbid, inst, stub FROM stage_mb_release_groups s
WHERE NOT s.stub OR NOT EXISTS (SELECT 1 FROM mb_release_groups t WHERE t.mbid = s.mbid)
QUALIFY row_number() OVER (PARTITION BY mbid ORDER BY stub, inst DESC) = 1;
INSERT INTO stage_mb_chosen
SELECT 'release', mbid, inst, stub FROM stage_mb_releases s
WHERE NOT s.stub OR NOT EXISTS (SELECT 1 FROM mb_releases t WHERE t.mbid = s.mbid)
QUALIFY row_number() OVER (PARTITION BY mbid ORDER BY stub, inst DESC) = 1;
INSERT INTO stage_mb_chosen
SELECT 'recording', mbid, inst, stub FROM stage_mb_recordings s
WHERE NOT s.stub OR NOT EXISTS (SELECT 1 FROM mb_recordings t WHERE t.mbid = s.mbid)
QUALIFY row_number() OVER (PARTITION BY mbid ORDER BY stub, inst DESC) = 1;
