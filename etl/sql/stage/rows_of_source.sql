-- Rows a kind's table holds for one source ($table is the kind's own table name, a value here).
SELECT count(*) FROM query_table($table) WHERE source_id = $source_id;
