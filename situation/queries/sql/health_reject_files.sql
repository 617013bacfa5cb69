-- Files with rejected rows and how many each, for the file filter and the count behind the table.
SELECT s.original_name AS file, count(*) AS rejects, max(s.loaded_at) AS loaded_at
FROM rejects r
JOIN sources s ON s.source_id = r.source_id
GROUP BY s.original_name
ORDER BY loaded_at DESC, file;
