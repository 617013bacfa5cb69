-- Land border crossings for evacuation with their regime and permit rule in three languages.
SELECT crossing_id, name_en, name_ru, name_kk, from_iso3, to_iso3, status, permit_required,
       rule_en, rule_ru, rule_kk, source
FROM crossings
WHERE len($countries) = 0 OR list_contains($countries, from_iso3) OR list_contains($countries, to_iso3)
ORDER BY to_iso3, CASE status WHEN 'open' THEN 0 WHEN 'limited' THEN 1 ELSE 2 END, crossing_id;
