-- NOTAMs in force at moment $t (started, not yet ended, replaced or cancelled; cancellations
-- themselves left out), closures first. $q: search text matched, case-insensitively, against the
-- id, the FIR and item E); '' = no search. $countries: ISO3 list, empty = all.
SELECT n.notam_id, n.fir, n.country_iso3, n.kind, n.qcode, n.valid_from, n.valid_to,
       n.effective_end, n.estimated_end, n.permanent, n.status, n.rule, n.text, n.raw,
       s.original_name AS source_file
FROM notams n
LEFT JOIN sources s ON s.source_id = n.source_id
WHERE n.kind <> 'C'
  AND n.valid_from <= $t
  AND (coalesce(n.effective_end, n.valid_to) IS NULL OR coalesce(n.effective_end, n.valid_to) > $t)
  AND ($q = '' OR contains(lower(n.notam_id), lower($q)) OR contains(lower(n.fir), lower($q))
       OR contains(lower(n.text), lower($q)))
  AND (len($countries) = 0 OR list_contains($countries, n.country_iso3)
       OR n.fir IN (SELECT fir FROM firs WHERE list_contains($countries, iso3)))
ORDER BY CASE n.status WHEN 'closed' THEN 0 WHEN 'restricted' THEN 1 WHEN 'open' THEN 2 ELSE 3 END,
         n.fir, n.valid_from, n.notam_id;
