-- Names of the users, to suggest when a name is not found.
SELECT name FROM users ORDER BY name LIMIT 50
