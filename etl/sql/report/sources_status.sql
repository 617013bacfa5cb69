-- Per loaded file: its name, kind, load moment and rows loaded / rejected (python -m etl status).
SELECT source_id, original_name, kind, loaded_at, rows_loaded, rows_rejected FROM sources ORDER BY source_id;
