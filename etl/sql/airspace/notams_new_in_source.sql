-- How many NOTAMs this file added (the others were linked to an earlier file).
SELECT count(*) FROM notams WHERE source_id = ?
