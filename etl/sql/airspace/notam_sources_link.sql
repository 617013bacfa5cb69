-- Links every NOTAM of the batch to this file, also those already known from another file.
INSERT INTO notam_sources (notam_id, source_id, line)
SELECT notam_id, $sid, line FROM notam_batch b
WHERE NOT EXISTS (SELECT 1 FROM notam_sources s WHERE s.notam_id = b.notam_id AND s.source_id = $sid)
