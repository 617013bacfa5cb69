-- Vulnerable citizens (elderly, women, children) per country as of $t, from the newest row per
-- mission/country/city/category. A group no row reported stays NULL ("not reported", not zero).
SELECT h.country_iso3,
       sum(h.count)::BIGINT    AS citizens,
       bool_or(h.approximate)  AS approximate,
       sum(h.elderly)::BIGINT  AS elderly,
       sum(h.women)::BIGINT    AS women,
       sum(h.children)::BIGINT AS children,
       max(h.as_of)            AS as_of,
       list(DISTINCT s.original_name ORDER BY s.original_name) AS files
FROM headcounts_at($t) h
JOIN sources s USING (source_id)
WHERE len($countries) = 0 OR list_contains($countries, h.country_iso3)
GROUP BY h.country_iso3
ORDER BY citizens DESC, h.country_iso3;
