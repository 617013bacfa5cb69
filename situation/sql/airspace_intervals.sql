-- Country-level status intervals overlapping [$start, $end), for the timeline, each with the
-- NOTAMs behind it (id, rule, start of item E) and the file it came from.
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
)
SELECT iv.country_iso3, iv.status, iv.valid_from, iv.valid_to, iv.estimated_end, iv.rule, iv.manual, iv.overrun_since,
       iv.notam_ids, s.original_name AS source_file,
       coalesce(b.notam_list, []::VARCHAR[]) AS notam_list,
       coalesce(b.rule_list, []::VARCHAR[]) AS rule_list,
       coalesce(b.text_list, []::VARCHAR[]) AS text_list
FROM iv
LEFT JOIN behind b USING (k)
LEFT JOIN sources s ON s.source_id = iv.source_id
ORDER BY iv.country_iso3, iv.valid_from;
