-- A NOTAM's effective end (after replacement/cancellation) is never before its start.
SELECT notam_id, valid_from, effective_end FROM notams WHERE effective_end < valid_from;
