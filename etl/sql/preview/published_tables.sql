-- The tables the published warehouse holds (an older one may lack a newer table).
SELECT table_name FROM duckdb_tables() WHERE database_name = 'wh';
