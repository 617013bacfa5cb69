-- The previewed file's rejects in file order, up to the limit shown (etl/preview.py).
SELECT line, col, code, reason, raw FROM rejects WHERE source_id = ? ORDER BY line LIMIT ?;
