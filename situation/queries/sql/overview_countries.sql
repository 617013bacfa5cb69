-- One row per country with citizens reported as of $t ($countries: ISO3 list, empty = all):
-- the figures, the airspace status at $t, the open land crossings out of the country, the
-- newest report and the source files behind it (for map tooltips and the readiness rules).
WITH now_rows AS (
    SELECT * FROM headcounts_at($t)
    WHERE len($countries) = 0 OR list_contains($countries, country_iso3)
),
per_country AS (
    SELECT h.country_iso3,
           sum(h.count)::BIGINT        AS citizens,
           bool_or(h.approximate)      AS approximate,
           max(h.as_of)                AS as_of,
           sum(h.elderly)::BIGINT      AS elderly,
           sum(h.women)::BIGINT        AS women,
           sum(h.children)::BIGINT     AS children,
           sum(h.housed)::BIGINT       AS housed,
           sum(h.contacted)::BIGINT    AS contacted,
           sum(h.casualties)::BIGINT   AS casualties,
           -- Shares for the readiness rules. Housing is asked of visitors only (residents,
           -- staff and students have homes); rows that left a figure empty are left out.
           sum(h.count) FILTER (WHERE h.contacted IS NOT NULL)::BIGINT AS contact_base,
           sum(h.count) FILTER (WHERE h.housed IS NOT NULL
                                  AND h.category IN ('tourist', 'pilgrim', 'transit', 'other'))::BIGINT AS visitors,
           sum(h.housed) FILTER (WHERE h.category IN ('tourist', 'pilgrim', 'transit', 'other'))::BIGINT AS visitors_housed,
           list(DISTINCT s.original_name ORDER BY s.original_name) AS sources
    FROM now_rows h JOIN sources s ON s.source_id = h.source_id
    GROUP BY ALL
),
-- Open crossings leave from the country itself (all of the reference crossings leave Iran).
land AS (
    SELECT from_iso3 AS country_iso3,
           list(DISTINCT to_iso3 ORDER BY to_iso3) FILTER (WHERE status = 'open') AS land_open_to,
           list(DISTINCT to_iso3 ORDER BY to_iso3) FILTER (WHERE status = 'limited') AS land_limited_to
    FROM crossings GROUP BY ALL
)
SELECT p.*,
       CASE WHEN p.elderly IS NULL AND p.women IS NULL AND p.children IS NULL THEN NULL
            ELSE coalesce(p.elderly, 0) + coalesce(p.women, 0) + coalesce(p.children, 0) END AS vulnerable,
       p.contacted / nullif(p.contact_base, 0) AS contacted_share,
       p.visitors_housed / nullif(p.visitors, 0) AS housed_share,
       c.lat, c.lon,
       coalesce(a.status, 'unknown') AS airspace, a.since AS airspace_since,
       coalesce(l.land_open_to, []::VARCHAR[]) AS land_open_to,
       coalesce(l.land_limited_to, []::VARCHAR[]) AS land_limited_to,
       date_diff('minute', p.as_of, $t) / 60.0 AS report_age_hours,
       e.remaining AS evac_remaining, e.seats_next_72h  -- the evacuation operation (evacuation_at)
FROM per_country p
JOIN countries c ON c.iso3 = p.country_iso3
LEFT JOIN airspace_at($t) a ON a.country_iso3 = p.country_iso3
LEFT JOIN land l ON l.country_iso3 = p.country_iso3
LEFT JOIN evacuation_at($t) e ON e.country_iso3 = p.country_iso3
ORDER BY p.citizens DESC, p.country_iso3;
