-- The warehouse's own figures: files, rows loaded and rejected, newest load.
SELECT (SELECT count(*) FROM sources) AS sources,
       (SELECT coalesce(sum(rows_loaded), 0) FROM sources)::BIGINT AS rows_loaded,
       (SELECT count(*) FROM rejects) AS rejects,
       (SELECT count(*) FROM sources WHERE kind = 'unusable') AS unusable,
       (SELECT max(loaded_at) FROM sources) AS last_load,
       (SELECT count(*) FROM headcounts) AS headcounts,
       (SELECT count(*) FROM notams) AS notams;
