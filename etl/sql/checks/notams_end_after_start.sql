-- C) is never before B) (the parser rejects such NOTAMs).
SELECT notam_id, valid_from, valid_to FROM notams WHERE valid_to < valid_from;
