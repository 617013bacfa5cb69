-- Status of every country now (UTC); same reading as airspace_at(t) in 55_airspace_at.sql (written
-- out here because a view is bound when created and this file runs before the macro's).
-- A country with no interval now counts as open. since/until bound the current interval.
CREATE OR REPLACE VIEW airspace_now AS
SELECT c.iso3 AS country_iso3,
       coalesce(a.status, 'open') AS status,
       a.valid_from AS since,
       a.valid_to AS until,
       coalesce(a.estimated_end, false) AS estimated,
       a.source_id,
       coalesce(a.notam_ids, []::VARCHAR[]) AS notam_ids,
       coalesce(a.manual, false) AS manual,
       coalesce(a.rule, 'no_interval') AS rule
FROM countries c
LEFT JOIN airspace a
       ON a.level = 'country' AND a.country_iso3 = c.iso3
      AND a.valid_from <= CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP)
      AND (a.valid_to IS NULL OR a.valid_to > CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP));
