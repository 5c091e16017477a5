-- The users of the staged cells with their dense ids (0…), in name order.
CREATE OR REPLACE TEMP TABLE rec_users AS
SELECT u, CAST(row_number() OVER (ORDER BY u) - 1 AS INTEGER) AS id
FROM (SELECT DISTINCT u FROM rec_cells)
