-- Every row traces back to a loaded source file (rows of the sources a load added; sources are
-- never deleted, so a row that once had its source still has it).
SELECT h.source_id, h.line FROM headcounts h ANTI JOIN sources s USING (source_id) WHERE h.source_id >= $since
UNION ALL
SELECT e.source_id, e.line FROM evacuations e ANTI JOIN sources s USING (source_id) WHERE e.source_id >= $since
UNION ALL
SELECT r.source_id, r.line FROM rejects r ANTI JOIN sources s USING (source_id) WHERE r.source_id >= $since;
