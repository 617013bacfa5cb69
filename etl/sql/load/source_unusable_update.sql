-- A file that could not be used at all: one reject, the reason as its note (etl/load.py).
UPDATE sources SET rows_rejected = 1, note = ? WHERE source_id = ?;
