-- An 'unknown' interval is the absence of word: no NOTAM and no sheet row may stand behind it
-- (a NOTAM behind it would mean a status was lost on the way).
SELECT level, country_iso3, fir, valid_from, rule, notam_ids FROM airspace
WHERE status = 'unknown' AND (len(notam_ids) > 0 OR manual);
