-- The good validated headcount rows, each with its source and line.
INSERT INTO headcounts (as_of, country_iso3, city, category, count, approximate, mission_id, source_id, line,
                        elderly, women, children, housed, contacted, casualties, note, want_to_leave, medical)
SELECT as_of, country_iso3, city, category, count, approximate, mission_id, $source_id, line,
       elderly, women, children, housed, contacted, casualties, note, want_to_leave, medical
FROM validated WHERE err_code IS NULL;
