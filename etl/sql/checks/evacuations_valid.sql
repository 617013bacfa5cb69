-- Evacuations: people >= 0, known countries, unique ids.
SELECT evac_id, 'people < 0' AS problem FROM evacuations WHERE people < 0
UNION ALL
SELECT e.evac_id, 'unknown from_iso3' FROM evacuations e ANTI JOIN countries c ON c.iso3 = e.from_iso3
UNION ALL
SELECT e.evac_id, 'unknown to_iso3' FROM evacuations e ANTI JOIN countries c ON c.iso3 = e.to_iso3
UNION ALL
SELECT evac_id, 'duplicate evac_id' FROM evacuations GROUP BY evac_id HAVING count(*) > 1;
