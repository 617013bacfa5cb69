-- The analysts' status-sheet rows that win over NOTAM-derived status for their interval.
SELECT country_iso3, fir, status, valid_from, valid_to, source_id FROM airspace_manual
