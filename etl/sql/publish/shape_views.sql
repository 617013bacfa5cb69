-- The views of one attached database with their definitions (part of a warehouse's shape).
-- Parameter: the database (catalog) name.
SELECT view_name, sql FROM duckdb_views() WHERE database_name = ? AND NOT internal ORDER BY ALL
