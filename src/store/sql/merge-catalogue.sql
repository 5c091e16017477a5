-- New artists, credits, recordings and releases named by the staged batch (existing ones are kept as first seen).
INSERT INTO artists (key, name, mbid)
SELECT artist_key, arg_min(name, position), max(mbid)
FROM stage_credits s
WHERE NOT EXISTS (SELECT 1 FROM artists a WHERE a.key = s.artist_key)
GROUP BY artist_key;

INSERT INTO artist_credits (key, name)
SELECT credit_key, any_value(credit_name)
FROM stage_credits s
WHERE NOT EXISTS (SELECT 1 FROM artist_credits c WHERE c.key = s.credit_key)
GROUP BY credit_key;

INSERT INTO artist_credit_members (credit_id, position, artist_id, credited_name, join_phrase)
SELECT c.id, s.position, a.id, s.name, s.join_phrase
FROM (SELECT DISTINCT ON (credit_key, position) * FROM stage_credits) s
JOIN artist_credits c ON c.key = s.credit_key
JOIN artists a ON a.key = s.artist_key
WHERE NOT EXISTS (SELECT 1 FROM artist_credit_members m WHERE m.credit_id = c.id);

INSERT INTO recordings (key, title, artist_credit_id, artist_id, mbid, isrc, length_ms)
SELECT s.match_key, arg_min(s.track, s.seq), arg_min(c.id, s.seq), arg_min(a.id, s.seq),
       max(s.recording_mbid), max(s.isrc), max(s.duration_ms)
FROM stage_listens s
JOIN artist_credits c ON c.key = s.credit_key
JOIN artists a ON a.key = s.primary_artist_key
WHERE NOT EXISTS (SELECT 1 FROM recordings r WHERE r.key = s.match_key)
GROUP BY s.match_key;

INSERT INTO releases (key, title, artist_id, mbid, release_group_mbid)
SELECT s.release_key, arg_min(s.release, s.seq), arg_min(a.id, s.seq), max(s.release_mbid), max(s.release_group_mbid)
FROM stage_listens s
JOIN artists a ON a.key = s.primary_artist_key
WHERE s.release_key IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM releases r WHERE r.key = s.release_key)
GROUP BY s.release_key;
