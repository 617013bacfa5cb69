-- Whether a staging object is a VIEW (the fast path) or a table (the careful path and XLSX).
SELECT table_type
FROM information_schema.tables
WHERE table_name = ? AND table_schema = 'main' AND table_catalog = 'temp';
