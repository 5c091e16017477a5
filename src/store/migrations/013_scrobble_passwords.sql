-- Scrobbling passwords (docs/lastfm-api.md): what Last.fm clients sign in with. Last.fm's
-- authToken (md5(username + md5(password))) can only be checked knowing md5(password), so that is
-- kept, sealed with the credentials key (AES-256-GCM, src/domain/secret-box.ts), never in clear.
CREATE TABLE scrobble_passwords (
  user_id     INTEGER PRIMARY KEY,
  sealed_md5  VARCHAR NOT NULL,                  -- SecretBox.seal(md5(password) hex)
  set_at      TIMESTAMP NOT NULL
);
