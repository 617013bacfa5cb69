-- Per country, the picture at moment $t: citizens, approximate, newest as_of, vulnerable groups,
-- housed, contacted, casualties (NULL when no row reported them), and the sources behind it.
SELECT h.country_iso3,
       c.name_en, c.name_ru, c.name_kk, c.lat, c.lon,
       sum(h.count)::BIGINT           AS citizens,
       bool_or(h.approximate)         AS approximate,
       max(h.as_of)                   AS as_of,
       sum(h.elderly)::BIGINT         AS elderly,
       sum(h.women)::BIGINT           AS women,
       sum(h.children)::BIGINT        AS children,
       sum(h.housed)::BIGINT          AS housed,
       sum(h.contacted)::BIGINT       AS contacted,
       sum(h.casualties)::BIGINT      AS casualties,
       list(DISTINCT h.mission_id ORDER BY h.mission_id)   AS missions,
       list(DISTINCT h.source_id ORDER BY h.source_id)     AS source_ids,
       bool_and(s.is_sample)          AS is_sample
FROM headcounts_at($t) h
JOIN countries c ON c.iso3 = h.country_iso3
JOIN sources s ON s.source_id = h.source_id
WHERE len($countries) = 0 OR list_contains($countries, h.country_iso3)
GROUP BY ALL
ORDER BY citizens DESC;
