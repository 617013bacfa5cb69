-- Country-level status intervals overlapping [$start, $end), for the timeline, each with the
-- NOTAMs behind it (id, rule, start of item E) and the file it came from. A country of the region
-- (or of the filter) with no interval yet gets an 'unknown' bar (rule no_interval) up to its first
-- interval: as in airspace_at, silence is unknown, not open.
-- $countries: ISO3 list, empty = all.
WITH iv AS (
    SELECT a.*, row_number() OVER (ORDER BY a.country_iso3, a.valid_from) AS k
    FROM airspace a
    WHERE a.level = 'country'
      AND a.valid_from < $end AND (a.valid_to IS NULL OR a.valid_to > $start)
      AND (len($countries) = 0 OR list_contains($countries, a.country_iso3))
),
behind AS (
    SELECT iv.k,
           list(n.notam_id ORDER BY n.valid_from, n.notam_id) AS notam_list,
           list(n.rule ORDER BY n.valid_from, n.notam_id) AS rule_list,
           list(n.text ORDER BY n.valid_from, n.notam_id) AS text_list
    FROM iv, unnest(iv.notam_ids) AS u(id)
    JOIN notams n ON n.notam_id = u.id
    GROUP BY iv.k
),
before_first AS (
    SELECT c.iso3 AS country_iso3, 'unknown' AS status, CAST($start AS TIMESTAMP) AS valid_from,
           least(coalesce(f.first_from, CAST($end AS TIMESTAMP)), CAST($end AS TIMESTAMP)) AS valid_to
    FROM countries c
    LEFT JOIN (SELECT country_iso3, min(valid_from) AS first_from FROM airspace
               WHERE level = 'country' GROUP BY ALL) f ON f.country_iso3 = c.iso3
    WHERE (CASE WHEN len($countries) = 0 THEN c.in_region ELSE list_contains($countries, c.iso3) END)
      AND coalesce(f.first_from, CAST($end AS TIMESTAMP)) > $start
)
SELECT country_iso3, status, valid_from, valid_to, false AS estimated_end, 'no_interval' AS rule, false AS manual,
       NULL::TIMESTAMP AS overrun_since, []::VARCHAR[] AS notam_ids, NULL::VARCHAR AS source_file,
       []::VARCHAR[] AS notam_list, []::VARCHAR[] AS rule_list, []::VARCHAR[] AS text_list
FROM before_first
UNION ALL BY NAME
SELECT iv.country_iso3, iv.status, iv.valid_from, iv.valid_to, iv.estimated_end, iv.rule, iv.manual, iv.overrun_since,
       iv.notam_ids, s.original_name AS source_file,
       coalesce(b.notam_list, []::VARCHAR[]) AS notam_list,
       coalesce(b.rule_list, []::VARCHAR[]) AS rule_list,
       coalesce(b.text_list, []::VARCHAR[]) AS text_list
FROM iv
LEFT JOIN behind b USING (k)
LEFT JOIN sources s ON s.source_id = iv.source_id
ORDER BY country_iso3, valid_from;
