-- Rows read, and the rowid of the first: inside a transaction DuckDB numbers new rows from a large offset.
SELECT count(*), coalesce(min(rowid), 0) FROM _raw;
