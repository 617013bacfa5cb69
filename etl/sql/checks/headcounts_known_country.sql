-- Every headcount names a country in the reference list (rows of the sources a load added).
SELECT h.source_id, h.line, h.country_iso3
FROM headcounts h ANTI JOIN countries c ON c.iso3 = h.country_iso3
WHERE h.source_id >= $since;
