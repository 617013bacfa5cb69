INSERT INTO countries BY NAME
SELECT iso3, iso2, iso_num, name_en, name_ru, name_kk, short_en, short_ru, short_kk,
       TRY_CAST(lat AS DOUBLE) AS lat, TRY_CAST(lon AS DOUBLE) AS lon,
       coalesce(lower(in_region) IN ('true', '1', 'yes'), false) AS in_region
FROM read_csv($path, header = true, all_varchar = true);
