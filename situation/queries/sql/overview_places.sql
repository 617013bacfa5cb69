-- Missions, crossings, land routes and their onward airports for the map, in one result:
-- kind = 'mission' | 'crossing' | 'route' | 'airport'. $countries (empty = all) keeps the
-- missions covering, crossings touching and routes starting in the chosen countries.
WITH pick AS (SELECT $countries AS c)
SELECT 'mission' AS kind, m.mission_id AS id, m.name_en, m.name_ru, m.name_kk, m.iso3 AS country_iso3,
       NULL::VARCHAR AS to_iso3, m.lat, m.lon, NULL::DOUBLE AS lat2, NULL::DOUBLE AS lon2,
       NULL::DOUBLE AS lat3, NULL::DOUBLE AS lon3, NULL::VARCHAR AS status, NULL::BOOLEAN AS permit_required,
       m.city AS detail, NULL::VARCHAR AS source
FROM missions m, pick
WHERE len(pick.c) = 0 OR len(list_intersect(m.covers, pick.c)) > 0
UNION ALL
SELECT 'crossing', x.crossing_id, x.name_en, x.name_ru, x.name_kk, x.from_iso3, x.to_iso3, x.lat, x.lon,
       NULL, NULL, NULL, NULL, x.status, x.permit_required, NULL, x.source
FROM crossings x, pick
WHERE len(pick.c) = 0 OR list_contains(pick.c, x.from_iso3) OR list_contains(pick.c, x.to_iso3)
UNION ALL
SELECT 'route', r.route_id, r.name_en, r.name_ru, r.name_kk, r.start_iso3, x.to_iso3,
       r.start_lat, r.start_lon, x.lat, x.lon, ap.lat, ap.lon, x.status, x.permit_required,
       r.onward_airport_icao, x.source
FROM routes r
JOIN crossings x ON x.crossing_id = r.crossing_id
JOIN airports ap ON ap.icao = r.onward_airport_icao, pick
WHERE len(pick.c) = 0 OR list_contains(pick.c, r.start_iso3)
UNION ALL
SELECT DISTINCT 'airport', ap.icao, ap.name, ap.name, ap.name, ap.iso3, NULL, ap.lat, ap.lon,
       NULL, NULL, NULL, NULL, NULL, NULL, ap.city || coalesce(' (' || ap.iata || ')', ''), NULL
FROM routes r JOIN airports ap ON ap.icao = r.onward_airport_icao, pick
WHERE len(pick.c) = 0 OR list_contains(pick.c, r.start_iso3)
ORDER BY kind, id;
