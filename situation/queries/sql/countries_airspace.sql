-- Combined airspace status intervals per country (level 'country'), with the NOTAMs behind each
-- and the file it came from; valid_to NULL = open-ended.
SELECT a.country_iso3, a.status, a.valid_from, a.valid_to, a.estimated_end, a.notam_ids,
       a.manual, a.rule, s.original_name AS file
FROM airspace a
LEFT JOIN sources s ON s.source_id = a.source_id
WHERE a.level = 'country'
  AND (len($countries) = 0 OR list_contains($countries, a.country_iso3))
ORDER BY a.country_iso3, a.valid_from;
