-- Per mission: its last report moment, age in hours, rows in that report.
WITH last AS (
    SELECT mission_id, max(as_of) AS last_as_of FROM headcounts GROUP BY mission_id
)
SELECT m.mission_id,
       l.last_as_of,
       date_diff('minute', l.last_as_of, CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP)) / 60.0 AS age_hours,
       (SELECT count(*) FROM headcounts h WHERE h.mission_id = m.mission_id AND h.as_of = l.last_as_of) AS rows
FROM missions m LEFT JOIN last l USING (mission_id)
ORDER BY l.last_as_of DESC NULLS LAST, m.mission_id;
