-- The first and last report moments and whether everything loaded is sample data.
-- Only times that can be true bound the data: one year-0 or year-9999 row (kept out by the ETL
-- today, possible in an old warehouse) must not move every page's range.
SELECT min(h.as_of) AS first, max(h.as_of) AS last, coalesce(bool_and(s.is_sample), false) AS sample_only
FROM headcounts h JOIN sources s USING (source_id)
WHERE h.as_of >= TIMESTAMP '2000-01-01' AND h.as_of < TIMESTAMP '2200-01-01'
