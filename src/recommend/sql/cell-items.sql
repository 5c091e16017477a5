-- The items of the staged cells with their dense ids (0…), in name order.
CREATE OR REPLACE TEMP TABLE rec_items AS
SELECT i, CAST(row_number() OVER (ORDER BY i) - 1 AS INTEGER) AS id
FROM (SELECT DISTINCT i FROM rec_cells)
