-- Whose listens an import run stored: a Last.fm 1K file, a simulated history or a ListenBrainz
-- export names its own users, so a run can hold several. import_runs.user_id is the run's owner:
-- the one user the file's listens went to, else the user the import ran as.
ALTER TABLE import_runs ADD COLUMN user_ids INTEGER[];
