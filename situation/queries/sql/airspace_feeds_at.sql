-- Feed coverage per reference FIR at moment $t: the newest NOTAM seen (started at or before $t)
-- and the newest status-sheet row for the FIR or its countries, their age in hours, and the
-- FIR's status. $stale_hours: SITROOM_AIRSPACE_STALE_HOURS; a FIR whose newest word is older
-- is unknown since newest + $stale_hours ("since" NULL: never heard of). $countries: ISO3 list,
-- empty = all. Sorted so FIRs without a feed come first: they are the ones to fetch or to fill
-- with a status-sheet row.
WITH ref AS (
    SELECT fir, any_value(name) AS name, list(DISTINCT iso3 ORDER BY iso3) AS countries
    FROM firs GROUP BY fir
),
seen AS (
    -- A NOTAM counts for its Q) FIR, and for each FIR in A) when Q) names several (LTXX).
    SELECT CASE WHEN n.fir LIKE '__XX' AND list_contains(n.locations, f.fir) THEN f.fir ELSE n.fir END AS fir,
           n.notam_id, n.valid_from
    FROM notams n
    LEFT JOIN ref f ON n.fir LIKE '__XX' AND list_contains(n.locations, f.fir)
    WHERE n.valid_from <= $t
),
newest AS (
    SELECT fir, max(valid_from) AS last_notam, arg_max(notam_id, valid_from) AS last_notam_id, count(*) AS notams
    FROM seen GROUP BY fir
),
sheet AS (
    SELECT r.fir, max(m.valid_from) AS last_sheet
    FROM ref r JOIN airspace_manual m
      ON (m.fir = r.fir OR list_contains(r.countries, m.country_iso3)) AND m.valid_from <= $t
    GROUP BY r.fir
),
st AS (
    SELECT DISTINCT ON (fir) fir, status, rule
    FROM airspace
    WHERE level = 'fir' AND valid_from <= $t AND (valid_to IS NULL OR valid_to > $t)
    ORDER BY fir, valid_from DESC
)
SELECT ref.fir, ref.name, ref.countries,
       coalesce(st.status, 'unknown') AS status, coalesce(st.rule, 'no_interval') AS rule,
       n.last_notam, n.last_notam_id, coalesce(n.notams, 0) AS notams,
       date_diff('minute', n.last_notam, $t) / 60.0 AS notam_age_hours,
       s.last_sheet,
       greatest(n.last_notam, s.last_sheet) + to_hours(CAST($stale_hours AS BIGINT)) AS stale_at,
       coalesce(st.status, 'unknown') = 'unknown' AS no_feed
FROM ref
LEFT JOIN newest n USING (fir)
LEFT JOIN sheet s USING (fir)
LEFT JOIN st USING (fir)
WHERE len($countries) = 0 OR list_has_any($countries, ref.countries)
ORDER BY no_feed DESC, coalesce(greatest(n.last_notam, s.last_sheet), TIMESTAMP '0001-01-01'), ref.fir;
