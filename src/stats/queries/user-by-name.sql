-- The user with this name, if any.
SELECT id, name, time_zone FROM users WHERE name = $name
