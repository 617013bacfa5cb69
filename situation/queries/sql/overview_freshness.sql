-- Each mission's newest report at $t for the chosen countries ($countries, empty = all) and
-- its age in hours; missions that never reported are not listed (nothing to be late with).
SELECT h.mission_id, m.name_en, m.name_ru, m.name_kk,
       list(DISTINCT h.country_iso3 ORDER BY h.country_iso3) AS countries,
       max(h.as_of) AS last_report,
       date_diff('minute', max(h.as_of), $t) / 60.0 AS age_hours
FROM headcounts h
LEFT JOIN missions m ON m.mission_id = h.mission_id
WHERE h.as_of <= $t AND (len($countries) = 0 OR list_contains($countries, h.country_iso3))
GROUP BY ALL
ORDER BY age_hours DESC, h.mission_id;
