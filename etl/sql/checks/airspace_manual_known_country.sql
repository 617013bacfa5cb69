-- Status-sheet rows name a known country (the kind rejects the others).
SELECT m.country_iso3, m.line FROM airspace_manual m
WHERE m.country_iso3 IS NOT NULL AND m.country_iso3 NOT IN (SELECT iso3 FROM countries);
