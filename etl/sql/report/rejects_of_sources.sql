-- The rejects of the files just loaded, with file name, line, column and reason, up to a limit
-- (printed after python -m etl load).
SELECT s.original_name, r.line, r.col, r.reason
FROM rejects r JOIN sources s USING (source_id)
WHERE r.source_id IN (SELECT unnest(?))
ORDER BY r.source_id, r.line
LIMIT ?;
