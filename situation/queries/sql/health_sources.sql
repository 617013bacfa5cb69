-- The load history: one row per file ever loaded (or found unusable), newest first.
SELECT source_id, original_name AS file, kind, loaded_at, rows_loaded, rows_rejected, is_sample,
       uploaded_by, note, sha256
FROM sources
ORDER BY loaded_at DESC, source_id DESC;
