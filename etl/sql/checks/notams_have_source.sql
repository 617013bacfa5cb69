-- Every NOTAM is linked to at least one source file, and every link points at a NOTAM.
SELECT n.notam_id, 'no notam_sources row' AS problem FROM notams n
WHERE NOT EXISTS (SELECT 1 FROM notam_sources s WHERE s.notam_id = n.notam_id)
UNION ALL
SELECT s.notam_id, 'link to a missing NOTAM' FROM notam_sources s
WHERE NOT EXISTS (SELECT 1 FROM notams n WHERE n.notam_id = s.notam_id);
