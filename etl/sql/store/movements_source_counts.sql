-- Rows a movement list stored and rows it had rejected.
SELECT (SELECT count(*) FROM movements WHERE source_id = $sid),
       (SELECT count(*) FROM rejects WHERE source_id = $sid);
