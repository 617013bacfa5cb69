-- Rows of one source repeating an earlier row's as_of, mission, country, city and category, as
-- _dups(line, first_line): the first line stands, later ones are rejected. Run on the stored rows
-- (typed, compact), which is several times cheaper than grouping the staged text.
CREATE OR REPLACE TEMP TABLE _dups AS
SELECT h.line, d.first_line
FROM headcounts h
JOIN (
    SELECT as_of, mission_id, country_iso3, city, category, min(line) AS first_line
    FROM headcounts WHERE source_id = $source_id
    GROUP BY ALL HAVING count(*) > 1
) d USING (as_of, mission_id, country_iso3, city, category)
WHERE h.source_id = $source_id AND h.line > d.first_line;
