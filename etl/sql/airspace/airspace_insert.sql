-- The rebuilt intervals in one columnar insert (registered Arrow table airspace_rows).
INSERT INTO airspace (level, country_iso3, fir, status, valid_from, valid_to, estimated_end, source_id,
                      notam_ids, rule, manual, overrun_since)
SELECT level, country_iso3, fir, status, valid_from, valid_to, estimated_end, source_id,
       notam_ids, rule, manual, overrun_since
FROM airspace_rows
