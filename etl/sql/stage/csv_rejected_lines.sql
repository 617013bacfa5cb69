-- The lines the reader rejected, once each, with what was wrong and the line as written.
SELECT line, any_value(error_type), any_value(csv_line) FROM _rej GROUP BY line ORDER BY line;
