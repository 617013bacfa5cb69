-- The published source holding these bytes, if any: a preview of a loaded file says so (etl/preview.py).
SELECT source_id FROM sources WHERE sha256 = ?;
