-- Every loaded file's sha256 and source id: the same bytes loaded again change nothing (etl/load.py).
SELECT sha256, source_id FROM sources;
