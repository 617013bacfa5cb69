-- Airspace status at $t of every country drawn on the region map, with its source for tooltips
-- and the country's centre (lat, lon) where an unknown status gets its "?" mark.
SELECT a.country_iso3, a.status, a.since, a.until, a.estimated, a.manual, a.rule, c.lat, c.lon,
       a.notam_ids, s.original_name AS source
FROM airspace_at($t) a
JOIN countries c ON c.iso3 = a.country_iso3
LEFT JOIN sources s ON s.source_id = a.source_id
WHERE c.in_region;
