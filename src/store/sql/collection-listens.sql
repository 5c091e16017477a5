-- How often a user listened to each of a set of releases, found by release key (primary artist key
-- U+001F release title key, the key the listen writer gives a listen's release): listens and the latest.
SELECT r.key AS key,
       count(*) AS listens,
       strftime(max(l.listened_at), '%Y-%m-%dT%H:%M:%SZ') AS last_listened_at
FROM releases r
JOIN listens l ON l.release_id = r.id
WHERE l.user_id = $user
  AND list_contains($keys, r.key)
GROUP BY r.key
