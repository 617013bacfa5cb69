-- Evacuations up to $t, each with its group number and the running total per from-country.
SELECT e.evac_id, e.date, e.from_iso3, e.from_city, e.via, e.to_iso3, e.people, e.mode, e.note,
       c.name_en AS via_en, c.name_ru AS via_ru, c.name_kk AS via_kk,
       row_number() OVER (PARTITION BY e.from_iso3 ORDER BY e.date, e.source_id, e.line) AS group_no,
       sum(e.people) OVER (PARTITION BY e.from_iso3 ORDER BY e.date, e.source_id, e.line
                           ROWS UNBOUNDED PRECEDING)::BIGINT AS cumulative,
       s.original_name AS file, e.line
FROM evacuations e
LEFT JOIN crossings c ON c.crossing_id = e.via
LEFT JOIN sources s ON s.source_id = e.source_id
WHERE e.date <= $t
  AND (len($countries) = 0 OR list_contains($countries, e.from_iso3) OR list_contains($countries, e.to_iso3))
ORDER BY e.date, e.source_id, e.line;
