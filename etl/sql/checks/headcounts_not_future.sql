-- No report describes a moment after it was loaded.
SELECT h.source_id, h.line, h.as_of, s.loaded_at
FROM headcounts h JOIN sources s USING (source_id)
WHERE h.as_of > s.loaded_at + INTERVAL 10 MINUTE;
