-- The missions reporting on the countries: their newest report as of $t and what it covers.
SELECT h.mission_id, m.name_en, m.name_ru, m.name_kk, m.city AS mission_city,
       h.country_iso3,
       max(h.as_of)         AS last_as_of,
       sum(h.count)::BIGINT AS citizens,
       bool_or(h.approximate) AS approximate,
       count(*)             AS rows
FROM headcounts_at($t) h
LEFT JOIN missions m USING (mission_id)
WHERE len($countries) = 0 OR list_contains($countries, h.country_iso3)
GROUP BY ALL
ORDER BY h.country_iso3, h.mission_id;
