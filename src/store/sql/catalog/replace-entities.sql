-- What a batch's own dump lines replace: the stored entity and everything that belongs to it
-- (stubs are never chosen over a stored entity, so only full rows replace). Skipped by the writer
-- while the entity's table was empty when the import began: a first import has nothing to replace.
DELETE FROM mb_artists WHERE mbid IN (SELECT mbid FROM stage_mb_chosen WHERE NOT stub AND entity = 'artist');
DELETE FROM mb_release_groups WHERE mbid IN (SELECT mbid FROM stage_mb_chosen WHERE NOT stub AND entity = 'release-group');
DELETE FROM mb_releases WHERE mbid IN (SELECT mbid FROM stage_mb_chosen WHERE NOT stub AND entity = 'release');
DELETE FROM mb_release_tracks WHERE release_mbid IN (SELECT mbid FROM stage_mb_chosen WHERE NOT stub AND entity = 'release');
DELETE FROM mb_recordings WHERE mbid IN (SELECT mbid FROM stage_mb_chosen WHERE NOT stub AND entity = 'recording');
DELETE FROM mb_isrcs WHERE recording_mbid IN (SELECT mbid FROM stage_mb_chosen WHERE NOT stub AND entity = 'recording');
DELETE FROM mb_recording_keys WHERE recording_mbid IN (SELECT mbid FROM stage_mb_chosen WHERE NOT stub AND entity = 'recording');
DELETE FROM mb_aliases WHERE mbid IN (SELECT mbid FROM stage_mb_chosen WHERE NOT stub);
DELETE FROM mb_credits WHERE mbid IN (SELECT mbid FROM stage_mb_chosen WHERE NOT stub);
DELETE FROM mb_tags WHERE mbid IN (SELECT mbid FROM stage_mb_chosen WHERE NOT stub);
DELETE FROM mb_keys WHERE mbid IN (SELECT mbid FROM stage_mb_chosen WHERE NOT stub);
