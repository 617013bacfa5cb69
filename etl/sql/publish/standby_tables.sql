-- The standby's tables, each caught up in turn. Parameter: the standby's catalog name.
SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main' ORDER BY 1
