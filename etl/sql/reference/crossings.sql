INSERT INTO crossings BY NAME
SELECT crossing_id, name_en, name_ru, name_kk, from_iso3, to_iso3,
       TRY_CAST(lat AS DOUBLE) AS lat, TRY_CAST(lon AS DOUBLE) AS lon, status,
       lower(permit_required) IN ('true', '1', 'yes') AS permit_required,
       rule_en, rule_ru, rule_kk, source
FROM read_csv($path, header = true, all_varchar = true);
