-- Each staged row the validation view judged bad, with the column, code and reason it gave.
INSERT INTO rejects (source_id, line, col, code, reason, raw)
SELECT $source_id, line, err_col, err_code, err_reason, raw FROM validated WHERE err_code IS NOT NULL;
