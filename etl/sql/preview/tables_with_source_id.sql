-- The scratch warehouse's tables whose rows carry a source_id: where a kind may have put rows.
SELECT t.table_name
FROM duckdb_tables() t JOIN duckdb_columns() c USING (database_name, table_name)
WHERE t.database_name = 'memory' AND c.column_name = 'source_id'
ORDER BY t.table_name;
