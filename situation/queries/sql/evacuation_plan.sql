-- Movements planned or confirmed in (t, t + 72 h] per origin country, as known at $t: the
-- forecast's defaults — flights per day and seats per flight by air (and sea), seats by land.
SELECT from_iso3 AS country_iso3,
       count(*) FILTER (WHERE mode <> 'land') AS flights,
       avg(seats) FILTER (WHERE mode <> 'land') AS seats_per_flight,
       coalesce(sum(seats) FILTER (WHERE mode = 'land'), 0)::BIGINT AS land_seats
FROM movements_at($t)
WHERE status IN ('planned', 'confirmed') AND scheduled > $t AND scheduled <= $t + INTERVAL 72 HOUR
  AND (len($countries) = 0 OR list_contains($countries, from_iso3))
GROUP BY from_iso3;
