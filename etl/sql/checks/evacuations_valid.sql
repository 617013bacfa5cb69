-- Evacuations: people >= 0, known countries, unique ids (rows of the sources a load added; an
-- id is compared with every row, old ones included).
SELECT evac_id, 'people < 0' AS problem FROM evacuations WHERE source_id >= $since AND people < 0
UNION ALL
SELECT e.evac_id, 'unknown from_iso3' FROM evacuations e ANTI JOIN countries c ON c.iso3 = e.from_iso3
WHERE e.source_id >= $since
UNION ALL
SELECT e.evac_id, 'unknown to_iso3' FROM evacuations e ANTI JOIN countries c ON c.iso3 = e.to_iso3
WHERE e.source_id >= $since
UNION ALL
SELECT evac_id, 'duplicate evac_id' FROM evacuations
WHERE evac_id IN (SELECT evac_id FROM evacuations WHERE source_id >= $since)
GROUP BY evac_id HAVING count(*) > 1;
