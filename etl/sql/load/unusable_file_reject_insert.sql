-- The reject of a whole file (line 0) with its code and reason (etl/load.py).
INSERT INTO rejects (source_id, line, col, code, reason, raw) VALUES (?, 0, NULL, ?, ?, NULL);
