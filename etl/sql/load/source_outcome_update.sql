-- What a file's load came to: rows loaded and rejected, sample or not, its note (etl/load.py).
UPDATE sources SET rows_loaded = ?, rows_rejected = ?, is_sample = ?, note = ? WHERE source_id = ?;
