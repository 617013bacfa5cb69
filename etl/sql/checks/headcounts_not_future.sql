-- No report describes a moment after it was loaded (rows of the sources a load added).
SELECT h.source_id, h.line, h.as_of, s.loaded_at
FROM headcounts h JOIN sources s USING (source_id)
WHERE h.source_id >= $since AND h.as_of > s.loaded_at + INTERVAL 10 MINUTE;
