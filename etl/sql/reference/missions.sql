INSERT INTO missions BY NAME
SELECT mission_id, kind, name_en, name_ru, name_kk, city, iso3,
       TRY_CAST(lat AS DOUBLE) AS lat, TRY_CAST(lon AS DOUBLE) AS lon,
       string_split(trim(coalesce(covers, iso3)), ' ') AS covers
FROM read_csv($path, header = true, all_varchar = true);
