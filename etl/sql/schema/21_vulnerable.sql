-- Vulnerable citizens by group, unpivoted from the headcount rows that reported them.
CREATE VIEW vulnerable AS
SELECT as_of, country_iso3, city, category, mission_id, "group", count, source_id, line
FROM (
    UNPIVOT (SELECT as_of, country_iso3, city, category, mission_id, source_id, line, elderly, women, children FROM headcounts)
    ON elderly, women, children INTO NAME "group" VALUE count
);
