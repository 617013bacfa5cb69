-- The picture as it stood at moment t (UTC). Mission reports: for each mission, country, city
-- and category the newest row with as_of <= t; a later-loaded file wins a tie on as_of (a
-- correction). arg_max over a grouping is several times faster than a window on a million rows.
-- Figures from official bulletins (mission 'BULLETIN') only fill in for countries no mission
-- has reported by t, and then only the newest bulletin's figures for that country: announced
-- and reported figures describe the same people and must never be added up.
CREATE MACRO headcounts_at(t) AS TABLE
WITH reported AS (
    SELECT unnest(arg_max(h, (h.as_of, h.source_id, h.line)))
    FROM headcounts h
    WHERE h.as_of <= t AND h.mission_id <> 'BULLETIN'
    GROUP BY h.mission_id, h.country_iso3, h.city, h.category
),
announced AS (
    SELECT *
    FROM headcounts h
    WHERE h.as_of <= t AND h.mission_id = 'BULLETIN'
    QUALIFY rank() OVER (PARTITION BY h.country_iso3 ORDER BY h.as_of DESC, h.source_id DESC) = 1
)
SELECT * FROM reported
UNION ALL BY NAME
SELECT * FROM announced WHERE country_iso3 NOT IN (SELECT country_iso3 FROM reported);
