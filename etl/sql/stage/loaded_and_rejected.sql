-- What one source left: rows in the kind's table, and rejects.
SELECT (SELECT count(*) FROM query_table($table) WHERE source_id = $source_id),
       (SELECT count(*) FROM rejects WHERE source_id = $source_id);
