-- When a source was loaded: "in the future" is judged against it.
SELECT loaded_at FROM sources WHERE source_id = $source_id;
