-- A headcount report holding only BULLETIN rows (written by python -m etl extract, loaded after
-- review) is a bulletin's figures: its source says so. Parameters: the kind name, the mission.
UPDATE sources SET kind = ?
WHERE kind = 'headcounts'
  AND source_id IN (SELECT source_id FROM headcounts GROUP BY source_id HAVING bool_and(mission_id = ?));
