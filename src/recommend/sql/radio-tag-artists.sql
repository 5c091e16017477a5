-- Artists whose genres or tags include $tag (case ignored), most listened first (by every user).
SELECT a.id, a.name, count(l.user_id) AS plays
FROM artists a
LEFT JOIN listens l ON l.artist_id = a.id
WHERE a.genres IS NOT NULL AND list_contains(list_transform(a.genres, g -> lower(g)), lower($tag))
GROUP BY a.id, a.name
ORDER BY plays DESC, a.id
LIMIT $limit
