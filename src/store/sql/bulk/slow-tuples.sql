-- The rows of tuples whose names JavaScript refused or cleaned leave the fast path: JavaScript
-- rejects or reports each from its line.
UPDATE bulk_rows SET fast = false WHERE fast AND list_contains($tuples, tuple_id)
