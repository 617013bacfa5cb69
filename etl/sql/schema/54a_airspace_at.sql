-- Status of every country at moment t (TIMESTAMP, UTC): SELECT * FROM airspace_at(TIMESTAMP '2026-03-01 00:00').
-- A country with no interval at t counts as open (rule 'no_interval'): no NOTAM or sheet row
-- said otherwise. since/until are the bounds of the interval holding t.
CREATE OR REPLACE MACRO airspace_at(t) AS TABLE
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
      AND a.valid_from <= t AND (a.valid_to IS NULL OR a.valid_to > t);
