-- The good validated evacuation rows, each with its source and line (the id names both).
INSERT INTO evacuations (evac_id, date, from_iso3, from_city, via, to_iso3, people, mode, note, source_id, line)
SELECT format('{}-{}', $source_id, line), date, from_iso3, from_city, via, to_iso3, people, mode, note, $source_id, line
FROM validated WHERE err_code IS NULL;
