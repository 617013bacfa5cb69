-- Every row traces back to a loaded source file.
SELECT h.source_id, h.line FROM headcounts h ANTI JOIN sources s USING (source_id)
UNION ALL
SELECT e.source_id, e.line FROM evacuations e ANTI JOIN sources s USING (source_id)
UNION ALL
SELECT r.source_id, r.line FROM rejects r ANTI JOIN sources s USING (source_id);
