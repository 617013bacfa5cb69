-- Per mission, its newest report up to moment $t: when, how old at $t, the rows of that report
-- and all its rows so far; never-reporting missions have last_report NULL. stale: older than
-- $stale_hours. $countries: ISO3 list, empty = all (a mission counts when it covers one of them).
WITH upto AS (
    SELECT * FROM headcounts WHERE as_of <= $t
),
last AS (
    SELECT mission_id, max(as_of) AS last_report, count(*) AS rows_total,
           count(DISTINCT as_of) AS reports
    FROM upto GROUP BY mission_id
),
last_rows AS (
    SELECT u.mission_id, count(*) AS rows_last, list(DISTINCT s.original_name) AS files
    FROM upto u
    JOIN last l ON l.mission_id = u.mission_id AND u.as_of = l.last_report
    LEFT JOIN sources s ON s.source_id = u.source_id
    GROUP BY u.mission_id
)
SELECT m.mission_id, m.name_en, m.name_ru, m.name_kk, m.iso3, m.covers,
       l.last_report, $t - l.last_report AS age,
       coalesce(r.rows_last, 0) AS rows_last, coalesce(l.rows_total, 0) AS rows_total,
       coalesce(l.reports, 0) AS reports, coalesce(r.files, []::VARCHAR[]) AS files,
       l.last_report IS NOT NULL AND epoch($t - l.last_report) > $stale_hours * 3600 AS stale
FROM missions m
LEFT JOIN last l USING (mission_id)
LEFT JOIN last_rows r USING (mission_id)
WHERE len($countries) = 0 OR list_has_any(m.covers, $countries)
ORDER BY l.last_report NULLS FIRST, m.mission_id;
