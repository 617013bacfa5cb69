-- One rejected row with its reason, for kinds that judge rows in Python (etl/kinds/base.py).
INSERT INTO rejects (source_id, line, col, code, reason, raw) VALUES (?, ?, ?, ?, ?, ?);
