-- Land crossings out of the selected countries with the seats of convoys planned through them
-- in the next 72 hours, as known at $t: the forecast's default land throughput per crossing.
SELECT c.crossing_id, c.from_iso3, c.to_iso3, c.name_en, c.name_ru, c.name_kk, c.status,
       coalesce(sum(m.seats) FILTER (WHERE m.status IN ('planned', 'confirmed')
                AND m.scheduled > $t AND m.scheduled <= $t + INTERVAL 72 HOUR), 0)::BIGINT AS seats_next_72h
FROM crossings c
LEFT JOIN movements_at($t) m ON m.mode = 'land' AND upper(m.to_place) = upper(c.crossing_id)
WHERE len($countries) = 0 OR list_contains($countries, c.from_iso3)
GROUP BY ALL
ORDER BY c.from_iso3, c.crossing_id;
