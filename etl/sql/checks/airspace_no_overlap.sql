-- Intervals of one timeline (a FIR, or a country) never overlap.
SELECT a.level, a.country_iso3, a.fir, a.valid_from, a.valid_to, b.valid_from AS other_from
FROM airspace a JOIN airspace b
  ON a.level = b.level AND a.fir IS NOT DISTINCT FROM b.fir
 AND a.country_iso3 IS NOT DISTINCT FROM b.country_iso3
 AND a.valid_from < b.valid_from
 AND (a.valid_to IS NULL OR a.valid_to > b.valid_from);
