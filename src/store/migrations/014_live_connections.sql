-- Live sources (src/live, docs/sources.md "Live sources"): one row per connection of a user to a
-- service that is polled (Last.fm, ListenBrainz, Spotify, Subsonic) or pushes (Plex, Jellyfin
-- webhooks). Credentials are sealed (AES-256-GCM, the credentials key); a webhook's secret is kept
-- as its SHA-256 only. The cursor is the source's own (JSON text), saved with each committed page,
-- so a restart resumes where it stopped.
CREATE SEQUENCE live_connections_id_seq START 1;
CREATE TABLE live_connections (
  id             INTEGER PRIMARY KEY DEFAULT nextval('live_connections_id_seq'),
  user_id        INTEGER NOT NULL,
  kind           VARCHAR NOT NULL,            -- lastfm | listenbrainz | plex | jellyfin | …
  settings       VARCHAR NOT NULL,            -- JSON: the source's settings (its URL, the remote user), no secrets
  credentials    VARCHAR,                     -- SecretBox.seal(JSON) of the source's credentials
  hook_hash      VARCHAR,                     -- sha256 of the webhook secret (push sources)
  cursor         VARCHAR,                     -- JSON: where polling stands
  created_at     TIMESTAMP NOT NULL,
  last_success   TIMESTAMP,
  failing_since  TIMESTAMP,
  last_error     VARCHAR,
  failures       INTEGER NOT NULL DEFAULT 0,
  plays          BIGINT NOT NULL DEFAULT 0    -- plays this connection handed to the write path
);
