-- Every departure out of a country known at moment t (UTC): movements departed or arrived (as
-- movements_at(t) knows them, departure at scheduled <= t) and the groups of the evacuation
-- reports (date <= t). One row per movement or group; a plan never counts. evacuation_at sums it,
-- and the Overview's "evacuated" indicator uses it, so both say the same number.
CREATE MACRO departures_at(t) AS TABLE
SELECT from_iso3 AS country_iso3, scheduled AS left_at, coalesce(passengers, 0) AS people, mode,
       'movement' AS origin, flight AS ref, source_id, line
FROM movements_at(t)
WHERE status IN ('departed', 'arrived') AND scheduled <= t
UNION ALL
SELECT from_iso3, date, people, coalesce(mode, 'land'), 'evacuation', evac_id, source_id, line
FROM evacuations
WHERE date <= t;
