-- Requests waiting for an answer at $t per mission (hotline_open_at: each mission's and
-- channel's latest period), with the channels, the longest reported wait, the period's end and
-- the file it came from.
SELECT o.mission_id, m.name_en, m.name_ru, m.name_kk,
       sum(o.open_at_end)::BIGINT AS requests_open,
       max(o.oldest_open_hours) FILTER (WHERE o.open_at_end > 0) AS oldest_open_hours,
       string_agg(DISTINCT o.channel, ', ' ORDER BY o.channel) AS channels,
       min(o.period_end) AS as_of,
       list(DISTINCT s.original_name) AS files
FROM hotline_open_at($t) o
LEFT JOIN missions m USING (mission_id)
LEFT JOIN sources s USING (source_id)
WHERE len($countries) = 0 OR list_contains($countries, o.country_iso3)
GROUP BY ALL
ORDER BY requests_open DESC, o.mission_id;
