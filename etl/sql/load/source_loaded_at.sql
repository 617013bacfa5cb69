-- The moment a source was loaded: "in the future" is judged against it, so a rebuild judges alike.
SELECT loaded_at FROM sources WHERE source_id = ?;
