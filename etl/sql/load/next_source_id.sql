-- The id the next loaded file gets (etl/load.py).
SELECT coalesce(max(source_id), 0) + 1 FROM sources;
