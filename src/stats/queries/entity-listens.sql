-- The listens of one artist, release or recording by a user in [from, to): the base of the entity
-- page's queries (entity-*.sql). An artist's listens are those of every credit naming it, so a
-- "Caribou & Daft Punk" play is Daft Punk's too, as top-artists-by-plays.sql counts it.
CREATE OR REPLACE TEMP MACRO entity_listens(p_user_id, p_from_ms, p_to_ms, p_kind, p_id) AS TABLE
SELECT l.*
FROM listens l
WHERE l.user_id = p_user_id
  AND l.listened_at >= epoch_ms(p_from_ms) AND l.listened_at < epoch_ms(p_to_ms)
  AND CASE p_kind
        WHEN 'artist' THEN l.artist_credit_id IN (SELECT credit_id FROM artist_credit_members WHERE artist_id = p_id)
        WHEN 'release' THEN l.release_id = p_id
        ELSE l.recording_id = p_id
      END
