-- Rejected rows with the file they came from, newest load first; $files: original file names,
-- empty = all; at most $limit rows (a bad 50 MB file can reject thousands; the count is separate).
SELECT s.original_name AS file, s.kind, s.loaded_at, r.source_id, r.line, r.col, r.code,
       r.reason, r.raw
FROM rejects r
JOIN sources s ON s.source_id = r.source_id
WHERE len($files) = 0 OR list_contains($files, s.original_name)
ORDER BY s.loaded_at DESC, r.source_id DESC, r.line
LIMIT $limit;
