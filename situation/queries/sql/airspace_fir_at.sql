-- Every FIR of the reference list with its own status at moment $t (level 'fir' intervals; a FIR
-- with no interval at $t is unknown, rule 'no_interval', as in airspace_at). A FIR over several
-- countries is one row. $countries: ISO3 list, empty = all.
WITH ref AS (
    SELECT fir, any_value(name) AS name, list(DISTINCT iso3 ORDER BY iso3) AS countries
    FROM firs GROUP BY fir
),
now_iv AS (
    SELECT DISTINCT ON (fir) fir, status, valid_from, valid_to, estimated_end, notam_ids, rule, manual, overrun_since
    FROM airspace
    WHERE level = 'fir' AND valid_from <= $t AND (valid_to IS NULL OR valid_to > $t)
    ORDER BY fir, valid_from DESC
)
SELECT ref.fir, ref.name, ref.countries,
       coalesce(i.status, 'unknown') AS status, i.valid_from AS since, i.valid_to AS until,
       coalesce(i.estimated_end, false) AS estimated, coalesce(i.notam_ids, []::VARCHAR[]) AS notam_ids,
       coalesce(i.rule, 'no_interval') AS rule, coalesce(i.manual, false) AS manual, i.overrun_since
FROM ref
LEFT JOIN now_iv i USING (fir)
WHERE len($countries) = 0 OR list_has_any($countries, ref.countries)
ORDER BY ref.fir;
