-- Headline figures of the overview in three states, one row each:
--   'now'  the picture at $t (headcounts_at($t), airspace_at($t), evacuations up to $t);
--   'prev' each mission's previous report: for every mission the rows as they stood just before
--          its newest report at $t (a mission with a single report contributes nothing), airspace
--          as now, evacuations up to the latest of those previous reports;
--   'day'  the whole picture 24 hours before $t, at $day (the caller passes $t - 24 h, or the
--          newest moment before it at which the picture changes: situation/queries/moments.py).
-- $countries: ISO3 list, empty = all. Counts left empty by a report stay NULL, not 0.
WITH sel AS (
    SELECT * FROM headcounts
    WHERE len($countries) = 0 OR list_contains($countries, country_iso3)
),
last_report AS (
    SELECT mission_id, max(as_of) AS last_at FROM sel WHERE as_of <= $t GROUP BY ALL
),
prev_report AS (
    SELECT s.mission_id, max(s.as_of) AS prev_at
    FROM sel s JOIN last_report l ON l.mission_id = s.mission_id AND s.as_of < l.last_at
    GROUP BY ALL
),
now_rows AS (
    SELECT 'now' AS state, * FROM headcounts_at($t)
    WHERE len($countries) = 0 OR list_contains($countries, country_iso3)
),
day_rows AS (
    SELECT 'day' AS state, * FROM headcounts_at($day)
    WHERE len($countries) = 0 OR list_contains($countries, country_iso3)
),
-- Each mission's rows as they stood at its own previous report: the newest row per mission,
-- country, city and category up to that moment, with headcounts_at's tie-break (as_of, then
-- source_id, then line). Bulletins are not a mission here: their figures come from the macro
-- itself, which applies the bulletin rule (announced figures only fill in for countries no
-- mission has reported), and then only for countries none of these mission rows covers. Calling
-- the macro once per mission would say the same for mission rows but costs a full pass over the
-- table per mission (30 s instead of 9 s on a million rows, measured on a busy machine).
prev_missions AS (
    SELECT 'prev' AS state, unnest(arg_max(s, (s.as_of, s.source_id, s.line)))
    FROM sel s JOIN prev_report p ON p.mission_id = s.mission_id AND s.as_of <= p.prev_at
    WHERE s.mission_id <> 'BULLETIN'
    GROUP BY s.mission_id, s.country_iso3, s.city, s.category
),
prev_rows AS (
    SELECT * FROM prev_missions
    UNION ALL BY NAME
    SELECT 'prev' AS state, b.*
    FROM headcounts_at((SELECT prev_at FROM prev_report WHERE mission_id = 'BULLETIN')) b
    WHERE b.mission_id = 'BULLETIN'
      AND (len($countries) = 0 OR list_contains($countries, b.country_iso3))
      AND b.country_iso3 NOT IN (SELECT country_iso3 FROM prev_missions)
),
moments AS (
    SELECT 'now' AS state, $t AS moment
    UNION ALL SELECT 'day', $day
    UNION ALL SELECT 'prev', coalesce((SELECT max(prev_at) FROM prev_report), TIMESTAMP '0001-01-01')
),
rows AS (
    SELECT r.*, (a.status = 'closed') AS closed_now, (d.status = 'closed') AS closed_day,
           -- unknown: no NOTAM or sheet row speaks for the country (or its feed went quiet)
           coalesce(a.status, 'unknown') = 'unknown' AS unknown_now, coalesce(d.status, 'unknown') = 'unknown' AS unknown_day
    FROM (SELECT * FROM now_rows UNION ALL BY NAME SELECT * FROM day_rows
          UNION ALL BY NAME SELECT * FROM prev_rows) r
    LEFT JOIN airspace_at($t) a ON a.country_iso3 = r.country_iso3
    LEFT JOIN airspace_at($day) d ON d.country_iso3 = r.country_iso3
),
figures AS (
    SELECT state,
           sum(count)::BIGINT                                             AS citizens,
           coalesce(bool_or(approximate), false)                          AS approximate,
           sum(count) FILTER (WHERE CASE WHEN state = 'day' THEN closed_day ELSE closed_now END)::BIGINT
                                                                          AS in_closed,
           coalesce(bool_or(approximate) FILTER (
               WHERE CASE WHEN state = 'day' THEN closed_day ELSE closed_now END), false)
                                                                          AS in_closed_approximate,
           sum(count) FILTER (WHERE CASE WHEN state = 'day' THEN unknown_day ELSE unknown_now END)::BIGINT
                                                                          AS in_unknown,
           coalesce(bool_or(approximate) FILTER (
               WHERE CASE WHEN state = 'day' THEN unknown_day ELSE unknown_now END), false)
                                                                          AS in_unknown_approximate,
           sum(elderly)::BIGINT                               AS elderly,
           sum(women)::BIGINT                                             AS women,
           sum(children)::BIGINT                                          AS children,
           sum(housed)::BIGINT                                            AS housed,
           sum(contacted)::BIGINT                                         AS contacted,
           sum(casualties)::BIGINT                                        AS casualties,
           max(as_of)                                                     AS last_report,
           count(DISTINCT mission_id)                                     AS missions
    FROM rows GROUP BY ALL
),
-- People out up to each moment, every mode, as known then (departures_at: movements and the
-- evacuation reports' groups), the same figure as evacuation_at's "evacuated".
evac AS (
    SELECT 'now' AS state, sum(people)::BIGINT AS evacuated FROM departures_at($t)
    WHERE len($countries) = 0 OR list_contains($countries, country_iso3)
    UNION ALL
    SELECT 'day', sum(people)::BIGINT FROM departures_at($day)
    WHERE len($countries) = 0 OR list_contains($countries, country_iso3)
    UNION ALL
    SELECT 'prev', sum(people)::BIGINT FROM departures_at((SELECT moment FROM moments WHERE state = 'prev'))
    WHERE len($countries) = 0 OR list_contains($countries, country_iso3)
)
SELECT m.state, m.moment,
       coalesce(f.citizens, 0) AS citizens, coalesce(f.approximate, false) AS approximate,
       coalesce(f.in_closed, 0) AS in_closed, coalesce(f.in_closed_approximate, false) AS in_closed_approximate,
       coalesce(f.in_unknown, 0) AS in_unknown, coalesce(f.in_unknown_approximate, false) AS in_unknown_approximate,
       f.elderly, f.women, f.children,
       CASE WHEN f.elderly IS NULL AND f.women IS NULL AND f.children IS NULL THEN NULL
            ELSE coalesce(f.elderly, 0) + coalesce(f.women, 0) + coalesce(f.children, 0) END AS vulnerable,
       f.housed, f.contacted, f.casualties, f.last_report, coalesce(f.missions, 0) AS missions,
       coalesce(e.evacuated, 0) AS evacuated
FROM moments m
LEFT JOIN figures f USING (state)
LEFT JOIN evac e USING (state)
ORDER BY m.state;
