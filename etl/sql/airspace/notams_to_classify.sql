-- Every NOTAM with what classification, the replacement chains, D) schedules and coverage read.
SELECT notam_id, kind, replaces, valid_from, valid_to, text, qcode, subject, radius_nm,
       fir, locations, estimated_end, source_id, schedule
FROM notams
