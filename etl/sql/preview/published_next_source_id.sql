-- The id a load of the previewed file would get.
SELECT coalesce(max(source_id), 0) + 1 FROM wh.sources;
