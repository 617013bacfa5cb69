-- Land routes out with their crossing (regime, permit rule) and the onward airport.
-- $countries matches the start country or the country the crossing leads into.
SELECT r.route_id, r.name_en, r.name_ru, r.name_kk, r.start_city, r.start_iso3,
       c.crossing_id, c.name_en AS crossing_en, c.name_ru AS crossing_ru, c.name_kk AS crossing_kk,
       c.to_iso3, c.status, c.permit_required, c.rule_en, c.rule_ru, c.rule_kk,
       r.onward_airport_icao AS icao, a.iata, a.name AS airport_name, coalesce(a.city, r.onward_city) AS airport_city
FROM routes r
JOIN crossings c USING (crossing_id)
LEFT JOIN airports a ON a.icao = r.onward_airport_icao
WHERE len($countries) = 0 OR list_contains($countries, r.start_iso3) OR list_contains($countries, c.to_iso3)
ORDER BY c.to_iso3, c.crossing_id, r.route_id;
