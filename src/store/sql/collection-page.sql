-- One page of a user's Discogs items with the filters of `listenhouse collection` and /api/collection:
-- the list, text in artist/title/label/catalogue number, a format (one of the comma-separated
-- descriptions, "2xLP" counting as "LP"), a year range, a lowest rating and soundtracks only ($soundtracks:
-- the title rule of domain/soundtracks.ts, or a folder named so); sorted by artist, title.
-- `total` is how many match in all pages.
WITH matching AS (
  SELECT *
  FROM collection_items
  WHERE user_id = $user
    AND ($list IS NULL OR list = $list)
    AND ($search IS NULL
         OR artist ILIKE '%' || $search || '%' ESCAPE '\'
         OR title ILIKE '%' || $search || '%' ESCAPE '\'
         OR label ILIKE '%' || $search || '%' ESCAPE '\'
         OR catalog_number ILIKE '%' || $search || '%' ESCAPE '\')
    AND ($format IS NULL OR list_contains(
          list_transform(string_split(lower(coalesce(format, '')), ','), x -> regexp_replace(trim(x), '^\d+x', '')),
          lower($format)))
    AND ($year_from IS NULL OR released_year >= $year_from)
    AND ($year_to IS NULL OR released_year <= $year_to)
    AND ($min_rating IS NULL OR rating >= $min_rating)
    AND ($soundtracks IS NULL OR regexp_matches(title, $soundtracks) OR lower(coalesce(folder, '')) LIKE '%soundtrack%')
)
SELECT id, list, discogs_release_id, artist, title, label, catalog_number, format, rating, released_year, folder,
       strftime(added_at, '%Y-%m-%dT%H:%M:%SZ') AS added_at, media_condition, sleeve_condition, notes,
       count(*) OVER () AS total
FROM matching
ORDER BY lower(artist), lower(title), id
LIMIT $limit OFFSET $offset
