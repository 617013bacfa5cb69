-- The newest figures per country (contract view): sum over its missions, cities and categories.
CREATE VIEW latest_headcounts AS
SELECT country_iso3,
       max(as_of)            AS as_of,
       sum(count)::BIGINT    AS count,
       bool_or(approximate)  AS approximate
FROM headcounts_at(CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP))
GROUP BY country_iso3;
