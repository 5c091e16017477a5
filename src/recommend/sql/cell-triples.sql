-- The staged cells as (row, col, value, time) by dense id, for the CSR builder.
SELECT uu.id AS row, ii.id AS col, CAST(c.w AS FLOAT) AS value, CAST(coalesce(c.t, 'NaN'::DOUBLE) AS DOUBLE) AS time
FROM rec_cells c
JOIN rec_users uu ON uu.u = c.u
JOIN rec_items ii ON ii.i = c.i
