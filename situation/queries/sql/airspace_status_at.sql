-- Airspace status of every country at moment $t (the airspace_at macro), with the file behind it
-- and, for an analyst's status-sheet entry, the sheet's note and where the analyst learned it.
-- deciding: the NOTAMs behind the status with their item E), so the page shows the text that
-- decided it. $countries: ISO3 list, empty = all.
WITH st AS (
    SELECT * FROM airspace_at($t)
),
deciding AS (
    SELECT st.country_iso3,
           string_agg(n.notam_id || ': ' || n.text, chr(10) ORDER BY n.valid_from DESC, n.notam_id) AS deciding_text
    FROM st, unnest(st.notam_ids) AS u(id)
    JOIN notams n ON n.notam_id = u.id
    -- of the interval's NOTAMs, those in force at $t (the interval may span a NOTAMR chain)
    WHERE n.valid_from <= $t AND (n.effective_end IS NULL OR n.effective_end > $t)
    GROUP BY st.country_iso3
),
sheet AS (
    -- A sheet row names a country or a FIR; a FIR row counts for the FIR's countries.
    SELECT coalesce(m.country_iso3, f.iso3) AS iso3, m.valid_from, m.source_id,
           string_agg(DISTINCT m.note, '; ') AS note, string_agg(DISTINCT m.source, '; ') AS told_by
    FROM airspace_manual m
    LEFT JOIN firs f ON m.country_iso3 IS NULL AND f.fir = m.fir
    GROUP BY ALL
)
SELECT st.country_iso3, st.status, st.since, st.until, st.estimated, st.source_id, st.notam_ids,
       st.manual, st.rule, st.overrun_since, c.in_region, d.deciding_text,
       s.original_name AS source_file,
       sheet.note AS manual_note, sheet.told_by AS manual_source
FROM st
JOIN countries c ON c.iso3 = st.country_iso3
LEFT JOIN sources s ON s.source_id = st.source_id
LEFT JOIN deciding d ON d.country_iso3 = st.country_iso3
LEFT JOIN sheet ON st.manual AND sheet.iso3 = st.country_iso3 AND sheet.valid_from = st.since
               AND sheet.source_id = st.source_id
WHERE len($countries) = 0 OR list_contains($countries, st.country_iso3)
ORDER BY st.country_iso3;
