-- The columns of the `airspace` table as built: an old warehouse lacks overrun_since.
SELECT column_name FROM duckdb_columns() WHERE table_name = 'airspace'
