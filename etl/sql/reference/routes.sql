INSERT INTO routes BY NAME
SELECT route_id, crossing_id, start_city, start_iso3,
       TRY_CAST(start_lat AS DOUBLE) AS start_lat, TRY_CAST(start_lon AS DOUBLE) AS start_lon,
       onward_airport_icao, onward_city, name_en, name_ru, name_kk
FROM read_csv($path, header = true, all_varchar = true);
