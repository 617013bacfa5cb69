-- The picture as it stood at moment t (UTC): for each mission, country, city and category the
-- newest row with as_of <= t; a later-loaded file wins a tie on as_of (a correction).
CREATE MACRO headcounts_at(t) AS TABLE
SELECT *
FROM headcounts
WHERE as_of <= t
QUALIFY row_number() OVER (
    PARTITION BY mission_id, country_iso3, city, category
    ORDER BY as_of DESC, source_id DESC, line DESC
) = 1;
