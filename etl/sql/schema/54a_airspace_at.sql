-- Status of every country at moment t (TIMESTAMP, UTC): SELECT * FROM airspace_at(TIMESTAMP '2026-03-01 00:00').
-- A country with no interval at t is 'unknown' (rule 'no_interval'): no NOTAM or sheet row speaks
-- for it, and silence is not "open". Within the intervals, 'unknown' also marks a feed gone quiet
-- for longer than SITROOM_AIRSPACE_STALE_HOURS (rules stale_feed / no_feed). since/until are the
-- bounds of the interval holding t; overrun_since: its NOTAMs are past their EST end since then
-- and still in force (not yet replaced or cancelled).
CREATE OR REPLACE MACRO airspace_at(t) AS TABLE
SELECT c.iso3 AS country_iso3,
       coalesce(a.status, 'unknown') AS status,
       a.valid_from AS since,
       a.valid_to AS until,
       coalesce(a.estimated_end, false) AS estimated,
       a.source_id,
       coalesce(a.notam_ids, []::VARCHAR[]) AS notam_ids,
       coalesce(a.manual, false) AS manual,
       coalesce(a.rule, 'no_interval') AS rule,
       a.overrun_since
FROM countries c
LEFT JOIN airspace a
       ON a.level = 'country' AND a.country_iso3 = c.iso3
      AND a.valid_from <= t AND (a.valid_to IS NULL OR a.valid_to > t);
