-- One loaded file, before its rows (etl/load.py).
INSERT INTO sources (source_id, path, original_name, sha256, kind, loaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?);
