-- Later repeats of a row within one file (lines in _dups), rejected naming the line that stands;
-- the stored row, as text, is the raw evidence.
INSERT INTO rejects (source_id, line, col, code, reason, raw)
SELECT $source_id, d.line, NULL, 'duplicate_row',
       format('same as_of, mission, country, city and category as line {}; keep one row', d.first_line),
       (SELECT CAST(t AS VARCHAR) FROM query_table($table) t WHERE t.source_id = $source_id AND t.line = d.line)
FROM _dups d;
