-- The movements board at $t: every movement as known at $t (movements_at) scheduled within
-- $hours before or after $t, with its load factor and the file it was reported in.
SELECT m.flight, m.mode, m.from_iso3, m.from_place, m.to_place, m.scheduled, m.arrival, m.status,
       m.seats, m.passengers,
       CASE WHEN m.seats > 0 AND m.passengers IS NOT NULL THEN m.passengers / m.seats END AS load_factor,
       m.elderly, m.women, m.children, m.medical, m.note, m.reported_at, m.mission_id,
       s.original_name AS file, m.line,
       m.scheduled > $t AS upcoming
FROM movements_at($t) m
LEFT JOIN sources s USING (source_id)
WHERE m.scheduled BETWEEN $t - to_hours($hours::BIGINT) AND $t + to_hours($hours::BIGINT)
  AND (len($countries) = 0 OR list_contains($countries, m.from_iso3))
ORDER BY m.scheduled > $t DESC, CASE WHEN m.scheduled > $t THEN m.scheduled END ASC, m.scheduled DESC, m.flight;
