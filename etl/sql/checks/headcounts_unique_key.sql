-- One row per moment, mission, country, city and category within a source. The key holds the
-- source, so the rows of the sources a load added are checked among themselves.
SELECT as_of, mission_id, country_iso3, city, category, source_id, count(*) AS n
FROM headcounts
WHERE source_id >= $since
GROUP BY ALL
HAVING count(*) > 1;
