-- Staged rows that did not reach the kind's table: the only ones whose rejects are worked out.
CREATE OR REPLACE TEMP TABLE _left AS
SELECT s.* FROM stage s
ANTI JOIN (SELECT line FROM query_table($table) WHERE source_id = $source_id) g USING (line);
