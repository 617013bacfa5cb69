-- One row per moment, mission, country, city and category within a source.
SELECT as_of, mission_id, country_iso3, city, category, source_id, count(*) AS n
FROM headcounts
GROUP BY ALL
HAVING count(*) > 1;
