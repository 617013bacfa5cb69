-- What changed between $since (excluded) and $t (included), newest first, one row per event:
--   'report'   a mission report (one source file, mission and country) with the citizens it gave;
--   'airspace' a change of a country's airspace status (before → after);
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
-- Every change of a country's combined status in the window, not only the two ends: a boundary
-- of a country-level interval, the status just before and at it, read as airspace_at() reads
-- them (no interval = open; the newest interval wins an overlap).
boundaries AS (
    SELECT DISTINCT country_iso3, m FROM (
        SELECT country_iso3, valid_from AS m FROM airspace WHERE level = 'country'
        UNION ALL
        SELECT country_iso3, valid_to FROM airspace WHERE level = 'country' AND valid_to IS NOT NULL)
    WHERE m > $since AND m <= $t
),
status_steps AS (
    SELECT b.country_iso3, b.m,
           coalesce(arg_max(a.status, a.valid_from) FILTER (
               WHERE a.valid_from < b.m AND (a.valid_to IS NULL OR a.valid_to >= b.m)), 'open') AS before,
           coalesce(arg_max(a.status, a.valid_from) FILTER (
               WHERE a.valid_from <= b.m AND (a.valid_to IS NULL OR a.valid_to > b.m)), 'open') AS after,
           arg_max(a.source_id, a.valid_from) FILTER (
               WHERE a.valid_from <= b.m AND (a.valid_to IS NULL OR a.valid_to > b.m)) AS source_id
    FROM boundaries b
    LEFT JOIN airspace a ON a.level = 'country' AND a.country_iso3 = b.country_iso3
    GROUP BY b.country_iso3, b.m
),
status_change AS (
    SELECT 'airspace', st.m, st.country_iso3, NULL, NULL::BIGINT, NULL::BOOLEAN,
           st.before, st.after, NULL, s.original_name, NULL, NULL, NULL, NULL::BIGINT
    FROM status_steps st
    JOIN countries c ON c.iso3 = st.country_iso3
    LEFT JOIN sources s ON s.source_id = st.source_id, pick
    WHERE st.before <> st.after AND c.in_region
      AND (len(pick.c) = 0 OR list_contains(pick.c, st.country_iso3))
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
