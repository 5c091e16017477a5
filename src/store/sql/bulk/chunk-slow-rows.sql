-- The rows of the staged part left to JavaScript, with their line's text, in file order.
SELECT r.line, l.text FROM bulk_rows r JOIN bulk_lines l USING (line) WHERE NOT r.fast ORDER BY r.line
