-- NOTAMs whose FIR is not in the reference list (data/reference/firs.csv): they count for no
-- country until the FIR is added. One row per FIR, with whether any of them is in force at $t.
SELECT n.fir, count(*) AS notams,
       list(n.notam_id ORDER BY n.valid_from, n.notam_id) AS notam_ids,
       min(n.valid_from) AS first_from,
       count(*) FILTER (WHERE n.kind <> 'C' AND n.valid_from <= $t
                        AND (n.effective_end IS NULL OR n.effective_end > $t)) AS in_force,
       list(DISTINCT s.original_name) AS files
FROM notams n
LEFT JOIN sources s ON s.source_id = n.source_id
WHERE n.fir NOT IN (SELECT fir FROM firs)
GROUP BY n.fir
ORDER BY n.fir;
