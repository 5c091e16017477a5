-- The user names the fast rows of the staged part give (NULL: rows that name none), each with
-- the first line that gives it.
SELECT user_name, min(line) AS line
FROM bulk_rows
WHERE fast
GROUP BY user_name
