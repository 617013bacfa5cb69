-- The rejected rows of a movement list with the first problem found in each (code, column, reason).
INSERT INTO rejects (source_id, line, col, code, reason, raw)
SELECT $sid, line, err_col, err_code, err_reason, raw FROM _judged WHERE err_code IS NOT NULL;
