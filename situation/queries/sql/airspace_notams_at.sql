-- NOTAMs in force at moment $t (started, not yet ended, replaced or cancelled; cancellations
-- themselves left out), closures first. effective_end is the end after replacement and
-- cancellation (NULL: open-ended — PERM, or an EST end that passed with no replacement yet);
-- overrun: its EST end has passed and it is still in force. $q: search text matched, case-insensitively, against the
-- id, the FIR and item E); '' = no search. $countries: ISO3 list, empty = all.
SELECT n.notam_id, n.fir, n.country_iso3, n.kind, n.qcode, n.valid_from, n.valid_to,
       n.effective_end, n.estimated_end, n.permanent, n.status, n.rule, n.text, n.raw, n.schedule,
       (n.estimated_end AND n.valid_to IS NOT NULL AND n.valid_to <= $t) AS overrun,
       s.original_name AS source_file
FROM notams n
LEFT JOIN sources s ON s.source_id = n.source_id
WHERE n.kind <> 'C'
  AND n.valid_from <= $t
  AND (n.effective_end IS NULL OR n.effective_end > $t)
  AND ($q = '' OR contains(lower(n.notam_id), lower($q)) OR contains(lower(n.fir), lower($q))
       OR contains(lower(n.text), lower($q)))
  AND (len($countries) = 0 OR list_contains($countries, n.country_iso3)
       OR n.fir IN (SELECT fir FROM firs WHERE list_contains($countries, iso3)))
ORDER BY CASE n.status WHEN 'closed' THEN 0 WHEN 'restricted' THEN 1 WHEN 'open' THEN 2 ELSE 3 END,
         n.fir, n.valid_from, n.notam_id;
