-- The files behind the figures as of $t for the countries: every source with a row in the
-- picture (headcounts_at), with how many of its rows the picture uses.
SELECT s.source_id, s.original_name, s.path, s.kind, s.loaded_at, s.rows_loaded, s.rows_rejected,
       s.is_sample, count(*) AS rows_used, max(h.as_of) AS last_as_of
FROM headcounts_at($t) h
JOIN sources s USING (source_id)
WHERE len($countries) = 0 OR list_contains($countries, h.country_iso3)
GROUP BY ALL
ORDER BY s.loaded_at DESC, s.source_id DESC;
