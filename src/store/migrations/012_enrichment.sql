-- Enrichment (src/enrich): every answer of an outside service kept, "not found" included, with
-- when to ask again, so a restart never asks twice; images stored once by content hash; the genres
-- and descriptions it derived.

CREATE TABLE enrich_http_cache (
  service      VARCHAR NOT NULL,            -- musicbrainz | coverartarchive | discogs | spotify | llm
  request_key  VARCHAR NOT NULL,            -- the request without credentials
  outcome      VARCHAR NOT NULL,            -- found | not_found | failed
  status       INTEGER,                     -- the last HTTP status (null: no answer)
  body         VARCHAR,                     -- the answer (JSON text), or for an image its content hash
  fetched_at   TIMESTAMP NOT NULL,
  retry_after  TIMESTAMP,                   -- not_found / failed: not asked again before this
  tries        INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (service, request_key)
);

CREATE TABLE enrich_images (
  hash       VARCHAR PRIMARY KEY,           -- sha256 of the bytes, hex
  mime       VARCHAR NOT NULL,
  bytes      INTEGER NOT NULL,
  width      INTEGER,
  height     INTEGER,
  stored_at  TIMESTAMP NOT NULL
);

-- Artwork of an entity: `full` and `thumb` (the source's own small size) images.
CREATE TABLE enrich_artwork (
  entity     VARCHAR NOT NULL,              -- artist | release | release-group
  mbid       VARCHAR NOT NULL,
  size       VARCHAR NOT NULL,              -- full | thumb
  hash       VARCHAR NOT NULL,
  source     VARCHAR NOT NULL,              -- coverartarchive | discogs | spotify
  source_url VARCHAR,
  PRIMARY KEY (entity, mbid, size)
);

-- Canonical genres of an entity (catalog genre tree), from MusicBrainz genres and tags (votes as
-- weights), Discogs styles, or the keyword fallback (source 'keyword').
CREATE TABLE enrich_genres (
  entity    VARCHAR NOT NULL,               -- artist | release-group | recording
  mbid      VARCHAR NOT NULL,
  genre     VARCHAR NOT NULL,               -- a top-level genre of the tree
  subgenre  VARCHAR,                        -- the MusicBrainz genre or Discogs style it came from
  weight    DOUBLE NOT NULL,                -- share of the entity's votes, 0..1
  source    VARCHAR NOT NULL                -- musicbrainz | discogs | keyword
);

CREATE TABLE enrich_descriptions (
  entity     VARCHAR NOT NULL,              -- artist | release-group
  mbid       VARCHAR NOT NULL,
  text       VARCHAR NOT NULL,
  source     VARCHAR NOT NULL,              -- llm | template
  model      VARCHAR,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (entity, mbid)
);

-- What each enrichment task has done to each entity, so batches resume where they stopped.
CREATE TABLE enrich_done (
  task     VARCHAR NOT NULL,                -- covers | genres | descriptions
  entity   VARCHAR NOT NULL,
  mbid     VARCHAR NOT NULL,
  outcome  VARCHAR NOT NULL,                -- found | none | failed
  done_at  TIMESTAMP NOT NULL,
  retry_at TIMESTAMP,                       -- none / failed: try again after this
  PRIMARY KEY (task, entity, mbid)
);

-- What enrichment works on: the MusicBrainz release groups (or releases without one) and artists of
-- the matched listens, with their plays and the names to search other services with (the
-- catalogue's when it has the entity, else the names as the listens give them).
CREATE VIEW enrich_candidates AS
WITH matched AS (
  SELECT m.artist_mbids, m.release_mbid, m.release_group_mbid, count(*) AS plays,
    any_value(c.name) AS credit, any_value(rel.title) AS release_title
  FROM listens l
  JOIN catalog_matches m ON m.credit_id = l.artist_credit_id AND m.recording_id = l.recording_id
    AND m.release_id = coalesce(l.release_id, 0)
  JOIN artist_credits c ON c.id = l.artist_credit_id
  LEFT JOIN releases rel ON rel.id = l.release_id
  WHERE m.status IN ('matched', 'partial', 'linked')
  GROUP BY m.artist_mbids, m.release_mbid, m.release_group_mbid
),
albums AS (
  SELECT CASE WHEN release_group_mbid IS NOT NULL THEN 'release-group' ELSE 'release' END AS entity,
    coalesce(release_group_mbid, release_mbid) AS mbid,
    arg_max(release_mbid, plays) FILTER (WHERE release_mbid IS NOT NULL) AS release_mbid,
    arg_max(release_title, plays) AS stored_title, arg_max(credit, plays) AS stored_artist,
    sum(plays)::BIGINT AS plays
  FROM matched WHERE coalesce(release_group_mbid, release_mbid) IS NOT NULL
  GROUP BY 1, 2
),
artists AS (
  SELECT 'artist' AS entity, mbid, NULL::VARCHAR AS release_mbid, arg_max(credit, plays) AS stored_title,
    NULL::VARCHAR AS stored_artist, sum(plays)::BIGINT AS plays
  FROM (SELECT unnest(string_split(artist_mbids, ';')) AS mbid, plays, credit FROM matched
        WHERE coalesce(artist_mbids, '') <> '')
  GROUP BY mbid
)
SELECT a.entity, a.mbid, coalesce(a.release_mbid, CASE WHEN a.entity = 'release' THEN a.mbid END) AS release_mbid,
  coalesce(rg.title, r.title, a.stored_title) AS title,
  coalesce(rg.credit, r.credit, a.stored_artist) AS artist,
  left(coalesce(rg.first_release_date, r.date), 4) AS year, a.plays
FROM albums a
LEFT JOIN mb_release_groups rg ON a.entity = 'release-group' AND rg.mbid = a.mbid
LEFT JOIN mb_releases r ON r.mbid = coalesce(a.release_mbid, a.mbid)
WHERE coalesce(rg.title, r.title, a.stored_title) IS NOT NULL
UNION ALL
SELECT a.entity, a.mbid, NULL, coalesce(ma.name, a.stored_title), NULL, left(ma.begin_date, 4), a.plays
FROM artists a LEFT JOIN mb_artists ma ON ma.mbid = a.mbid;
