-- What changed between $since (excluded) and $t (included), newest first, one row per event:
--   'report'   a mission report (one source file, mission and country) with the citizens it gave;
--   'airspace' a country whose status at $t differs from its status at $since;
--   'evac'     a group brought out of a country (ref = the crossing).
-- ref_en/ru/kk name the mission or the crossing in each language.
-- $countries: ISO3 list, empty = all.
WITH pick AS (SELECT $countries AS c),
-- Every report's total, with the same mission's previous total for the country (lag), then cut.
all_reports AS (
    SELECT h.as_of, h.country_iso3, h.mission_id, s.original_name AS source,
           sum(h.count)::BIGINT AS people, bool_or(h.approximate) AS approximate
    FROM headcounts h JOIN sources s ON s.source_id = h.source_id, pick
    WHERE h.as_of <= $t AND (len(pick.c) = 0 OR list_contains(pick.c, h.country_iso3))
    GROUP BY ALL
),
reports AS (
    SELECT 'report' AS kind, as_of AS happened_at, country_iso3, mission_id AS ref, people, approximate,
           NULL::VARCHAR AS status_before, NULL::VARCHAR AS status_after, NULL::VARCHAR AS to_iso3,
           source, m.name_en AS ref_en, m.name_ru AS ref_ru, m.name_kk AS ref_kk,
           people - lag(people) OVER (PARTITION BY mission_id, country_iso3 ORDER BY as_of, source) AS change
    FROM all_reports LEFT JOIN missions m USING (mission_id)
    QUALIFY as_of > $since
),
status_change AS (
    SELECT 'airspace', coalesce(b.since, $t), b.country_iso3, NULL, NULL::BIGINT, NULL::BOOLEAN,
           a.status, b.status, NULL, s.original_name, NULL, NULL, NULL, NULL::BIGINT
    FROM airspace_at($since) a
    JOIN airspace_at($t) b ON b.country_iso3 = a.country_iso3
    JOIN countries c ON c.iso3 = b.country_iso3
    LEFT JOIN sources s ON s.source_id = b.source_id, pick
    WHERE a.status IS DISTINCT FROM b.status AND c.in_region
      AND (len(pick.c) = 0 OR list_contains(pick.c, b.country_iso3))
),
evacs AS (
    SELECT 'evac', e.date, e.from_iso3, e.via, e.people::BIGINT, false, NULL, NULL, e.to_iso3,
           s.original_name, coalesce(x.name_en, e.via), coalesce(x.name_ru, e.via), coalesce(x.name_kk, e.via),
           NULL::BIGINT
    FROM evacuations e JOIN sources s ON s.source_id = e.source_id
    LEFT JOIN crossings x ON x.crossing_id = e.via, pick
    WHERE e.date > $since AND e.date <= $t
      AND (len(pick.c) = 0 OR list_contains(pick.c, e.from_iso3))
)
SELECT * FROM reports
UNION ALL SELECT * FROM status_change
UNION ALL SELECT * FROM evacs
ORDER BY happened_at DESC, kind, country_iso3;
