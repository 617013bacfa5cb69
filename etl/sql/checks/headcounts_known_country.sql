-- Every headcount names a country in the reference list.
SELECT h.source_id, h.line, h.country_iso3
FROM headcounts h ANTI JOIN countries c ON c.iso3 = h.country_iso3;
