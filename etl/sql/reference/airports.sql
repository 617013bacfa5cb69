INSERT INTO airports BY NAME
SELECT icao, iata, name, city, iso3,
       TRY_CAST(lat AS DOUBLE) AS lat, TRY_CAST(lon AS DOUBLE) AS lon, tz
FROM read_csv($path, header = true, all_varchar = true);
