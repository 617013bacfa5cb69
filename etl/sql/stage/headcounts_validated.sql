-- Validate staged headcount rows (`stage`, all text) as the view `validated`: parsed values
-- plus, for a bad row, the first problem found (code, column, plain-words reason). Each distinct
-- text value is parsed once (a million-row report has few distinct dates, countries and
-- categories), then joined back. A view, not a table: good rows stream straight into headcounts,
-- and only the few rows left over are evaluated again for their rejects (etl/kinds/validation.py).
-- Duplicates within the file are found afterwards on the stored rows.
--
-- Cost at scale (a profile of 1M rows): every per-row function here must be a plain expression.
-- A macro written as a subquery (ambiguous_day_month, parse_count) used per row becomes a
-- correlated subquery that materialises the whole stage; so they run on distinct values only.
-- A count written as plain digits (nearly every cell) is its own value: only the other
-- spellings ("~3 500", "около 3000", "-5") go through parse_count, one small join per column
-- that is empty, and so free, when the column holds none.
CREATE OR REPLACE TEMP VIEW validated AS
WITH
ts AS (
    SELECT k, parse_utc(k) AS v, ambiguous_day_month(k) AS ambiguous FROM (SELECT DISTINCT as_of AS k FROM stage)
),
cty AS (
    SELECT s.country AS k, a.iso3 AS v
    FROM (SELECT DISTINCT country FROM stage) s
    LEFT JOIN (SELECT alias_norm, min(iso3) AS iso3 FROM country_aliases GROUP BY alias_norm HAVING count(DISTINCT iso3) = 1) a
        ON a.alias_norm = norm_name(s.country)
),
cty_hint AS (
    SELECT c.k, arg_max(a.alias, jaro_winkler_similarity(norm_name(c.k), a.alias_norm)) AS hint
    FROM cty c, country_aliases a
    WHERE c.v IS NULL AND c.k IS NOT NULL
    GROUP BY c.k
),
mis AS (
    SELECT s.mission AS k, m.mission_id AS v
    FROM (SELECT DISTINCT mission FROM stage) s
    LEFT JOIN missions m
        ON norm_name(m.mission_id) = norm_name(s.mission) OR norm_name(m.name_en) = norm_name(s.mission)
        OR norm_name(m.name_ru) = norm_name(s.mission) OR norm_name(m.name_kk) = norm_name(s.mission)
),
mis_hint AS (
    SELECT c.k, arg_max(m.mission_id, jaro_winkler_similarity(norm_name(c.k), norm_name(m.mission_id))) AS hint
    FROM mis c, missions m
    WHERE c.v IS NULL AND c.k IS NOT NULL
    GROUP BY c.k
),
cat AS (
    SELECT s.category AS k, a.category AS v
    FROM (SELECT DISTINCT category FROM stage) s
    LEFT JOIN category_aliases a ON a.alias_norm = norm_name(s.category)
),
n_citizens AS (
    SELECT k, v FROM (SELECT k, parse_count(k) AS v FROM (SELECT DISTINCT citizens AS k FROM stage) WHERE k IS NOT NULL)
    WHERE v.err IS NOT NULL OR v.approx OR v.n::VARCHAR IS DISTINCT FROM k
),
n_elderly AS (
    SELECT k, v FROM (SELECT k, parse_count(k) AS v FROM (SELECT DISTINCT elderly AS k FROM stage) WHERE k IS NOT NULL)
    WHERE v.err IS NOT NULL OR v.approx OR v.n::VARCHAR IS DISTINCT FROM k
),
n_women AS (
    SELECT k, v FROM (SELECT k, parse_count(k) AS v FROM (SELECT DISTINCT women AS k FROM stage) WHERE k IS NOT NULL)
    WHERE v.err IS NOT NULL OR v.approx OR v.n::VARCHAR IS DISTINCT FROM k
),
n_children AS (
    SELECT k, v FROM (SELECT k, parse_count(k) AS v FROM (SELECT DISTINCT children AS k FROM stage) WHERE k IS NOT NULL)
    WHERE v.err IS NOT NULL OR v.approx OR v.n::VARCHAR IS DISTINCT FROM k
),
n_housed AS (
    SELECT k, v FROM (SELECT k, parse_count(k) AS v FROM (SELECT DISTINCT housed AS k FROM stage) WHERE k IS NOT NULL)
    WHERE v.err IS NOT NULL OR v.approx OR v.n::VARCHAR IS DISTINCT FROM k
),
n_contacted AS (
    SELECT k, v FROM (SELECT k, parse_count(k) AS v FROM (SELECT DISTINCT contacted AS k FROM stage) WHERE k IS NOT NULL)
    WHERE v.err IS NOT NULL OR v.approx OR v.n::VARCHAR IS DISTINCT FROM k
),
n_casualties AS (
    SELECT k, v FROM (SELECT k, parse_count(k) AS v FROM (SELECT DISTINCT casualties AS k FROM stage) WHERE k IS NOT NULL)
    WHERE v.err IS NOT NULL OR v.approx OR v.n::VARCHAR IS DISTINCT FROM k
),
n_want_to_leave AS (
    SELECT k, v FROM (SELECT k, parse_count(k) AS v FROM (SELECT DISTINCT want_to_leave AS k FROM stage) WHERE k IS NOT NULL)
    WHERE v.err IS NOT NULL OR v.approx OR v.n::VARCHAR IS DISTINCT FROM k
),
n_medical AS (
    SELECT k, v FROM (SELECT k, parse_count(k) AS v FROM (SELECT DISTINCT medical AS k FROM stage) WHERE k IS NOT NULL)
    WHERE v.err IS NOT NULL OR v.approx OR v.n::VARCHAR IS DISTINCT FROM k
),
parsed AS (
    SELECT s.line, s.raw, s.as_of AS as_of_text, s.country AS country_text, s.mission AS mission_text,
           s.category AS category_text, s.citizens AS citizens_text,
           ts.v AS as_of, ts.ambiguous, cty.v AS country_iso3, ch.hint AS country_hint, mis.v AS mission_id, mh.hint AS mission_hint,
           cat.v AS category, coalesce(trim(s.city), '') AS city,
           CASE WHEN nc.k IS NULL THEN CAST(s.citizens AS BIGINT) ELSE nc.v.n END AS c_citizens_n,
           CASE WHEN s.citizens IS NULL THEN 'empty' WHEN nc.k IS NOT NULL THEN nc.v.err END AS c_citizens_err,
           coalesce(nc.v.approx, false) AS c_citizens_approx,
           CASE WHEN ne.k IS NULL THEN CAST(s.elderly AS BIGINT) ELSE ne.v.n END AS c_elderly_n,
           CASE WHEN s.elderly IS NULL THEN 'empty' WHEN ne.k IS NOT NULL THEN ne.v.err END AS c_elderly_err,
           CASE WHEN nw.k IS NULL THEN CAST(s.women AS BIGINT) ELSE nw.v.n END AS c_women_n,
           CASE WHEN s.women IS NULL THEN 'empty' WHEN nw.k IS NOT NULL THEN nw.v.err END AS c_women_err,
           CASE WHEN nch.k IS NULL THEN CAST(s.children AS BIGINT) ELSE nch.v.n END AS c_children_n,
           CASE WHEN s.children IS NULL THEN 'empty' WHEN nch.k IS NOT NULL THEN nch.v.err END AS c_children_err,
           CASE WHEN nh.k IS NULL THEN CAST(s.housed AS BIGINT) ELSE nh.v.n END AS c_housed_n,
           CASE WHEN s.housed IS NULL THEN 'empty' WHEN nh.k IS NOT NULL THEN nh.v.err END AS c_housed_err,
           CASE WHEN nco.k IS NULL THEN CAST(s.contacted AS BIGINT) ELSE nco.v.n END AS c_contacted_n,
           CASE WHEN s.contacted IS NULL THEN 'empty' WHEN nco.k IS NOT NULL THEN nco.v.err END AS c_contacted_err,
           CASE WHEN nca.k IS NULL THEN CAST(s.casualties AS BIGINT) ELSE nca.v.n END AS c_casualties_n,
           CASE WHEN s.casualties IS NULL THEN 'empty' WHEN nca.k IS NOT NULL THEN nca.v.err END AS c_casualties_err,
           CASE WHEN nwl.k IS NULL THEN CAST(s.want_to_leave AS BIGINT) ELSE nwl.v.n END AS c_want_to_leave_n,
           CASE WHEN s.want_to_leave IS NULL THEN 'empty' WHEN nwl.k IS NOT NULL THEN nwl.v.err END AS c_want_to_leave_err,
           CASE WHEN nmd.k IS NULL THEN CAST(s.medical AS BIGINT) ELSE nmd.v.n END AS c_medical_n,
           CASE WHEN s.medical IS NULL THEN 'empty' WHEN nmd.k IS NOT NULL THEN nmd.v.err END AS c_medical_err,
           s.want_to_leave AS want_to_leave_text, s.medical AS medical_text,
           s.elderly AS elderly_text, s.women AS women_text, s.children AS children_text,
           s.housed AS housed_text, s.contacted AS contacted_text, s.casualties AS casualties_text,
           lower(trim(coalesce(s.approximate, ''))) AS approx_text, s.note
    FROM stage s
    LEFT JOIN ts ON ts.k = s.as_of
    LEFT JOIN cty ON cty.k = s.country
    LEFT JOIN cty_hint ch ON ch.k = s.country
    LEFT JOIN mis ON mis.k = s.mission
    LEFT JOIN mis_hint mh ON mh.k = s.mission
    LEFT JOIN cat ON cat.k = s.category
    LEFT JOIN n_citizens nc ON nc.k = s.citizens
    LEFT JOIN n_elderly ne ON ne.k = s.elderly
    LEFT JOIN n_women nw ON nw.k = s.women
    LEFT JOIN n_children nch ON nch.k = s.children
    LEFT JOIN n_housed nh ON nh.k = s.housed
    LEFT JOIN n_contacted nco ON nco.k = s.contacted
    LEFT JOIN n_casualties nca ON nca.k = s.casualties
    LEFT JOIN n_want_to_leave nwl ON nwl.k = s.want_to_leave
    LEFT JOIN n_medical nmd ON nmd.k = s.medical
),
judged AS (
    SELECT *,
        CASE
            WHEN as_of_text IS NULL OR trim(as_of_text) = '' THEN ['missing_as_of', 'as_of', 'as_of is empty; write the moment the figures describe, e.g. 2026-03-04 09:00 (UTC)']
            WHEN as_of IS NULL THEN ['bad_as_of', 'as_of', format('as_of "{}" is not a date and time; write e.g. 2026-03-04 09:00 (UTC) or 2026-03-04T12:00+03:00 (offsets run from -12:00 to +14:00)', as_of_text)]
            WHEN ambiguous THEN ['ambiguous_as_of', 'as_of', format('as_of "{}" reads as day/month or month/day; write it as 2026-03-04 09:00 or 04.03.2026 09:00', as_of_text)]
            WHEN as_of < TIMESTAMP '2000-01-01' THEN ['implausible_as_of', 'as_of', format('as_of "{}" is before 2000; check the year', as_of_text)]
            WHEN as_of > (SELECT now FROM load_context) + INTERVAL 10 MINUTE THEN ['future_as_of', 'as_of', format('as_of {} is in the future (now {} UTC); check the date and the time zone', strftime(as_of, '%Y-%m-%d %H:%M'), strftime((SELECT now FROM load_context), '%Y-%m-%d %H:%M'))]
            WHEN mission_text IS NULL OR trim(mission_text) = '' THEN ['missing_mission', 'mission', 'mission is empty; write the mission id from data/reference/missions.csv, e.g. KZ-EMB-ABU']
            WHEN mission_id IS NULL THEN ['unknown_mission', 'mission', format('unknown mission "{}"; use an id from data/reference/missions.csv{}', mission_text, CASE WHEN mission_hint IS NULL THEN '' ELSE format(' — did you mean {}?', mission_hint) END)]
            WHEN country_text IS NULL OR trim(country_text) = '' THEN ['missing_country', 'country', 'country is empty; write the country in English, Russian or Kazakh, or its ISO code']
            WHEN country_iso3 IS NULL THEN ['unknown_country', 'country', format('unknown country "{}"{}', country_text, CASE WHEN country_hint IS NULL THEN '' ELSE format(' — did you mean "{}"?', country_hint) END)]
            WHEN category IS NULL THEN ['unknown_category', 'category', format('category "{}" is not one of tourist, pilgrim, transit, resident, official, student, other', coalesce(category_text, ''))]
            WHEN c_citizens_err = 'empty' THEN ['missing_count', 'citizens', 'citizens is empty; write the number of citizens (0 if none)']
            WHEN c_citizens_err = 'negative' THEN ['negative_count', 'citizens', format('citizens "{}" is negative; a count is 0 or more', citizens_text)]
            WHEN c_citizens_err = 'fraction' THEN ['fraction_count', 'citizens', format('citizens "{}" is not a whole number; write whole people, e.g. 12', citizens_text)]
            WHEN c_citizens_err IS NOT NULL OR c_citizens_n IS NULL OR c_citizens_n > 2147483647 THEN ['not_a_count', 'citizens', format('citizens "{}" is not a number; write digits, e.g. 3500, 3 500 or ~3 500 when approximate', citizens_text)]
            WHEN c_citizens_n > 1000000 THEN ['implausible_count', 'citizens', format('citizens {} is more than a million on one line; check the figure', c_citizens_n)]
            WHEN approx_text NOT IN ('', 'yes', 'no', 'true', 'false', '1', '0', 'y', 'n', 'да', 'нет', 'иә', 'жоқ', 'x', '~')
                THEN ['bad_flag', 'approximate', format('approximate "{}" should be yes or no', approx_text)]
            WHEN c_elderly_err IN ('negative', 'fraction', 'not_number') OR c_elderly_n > 2147483647 OR (c_elderly_n IS NULL AND c_elderly_err IS NULL AND elderly_text IS NOT NULL)
                THEN ['bad_optional_count', 'elderly', format('elderly "{}" is not a whole number ≥ 0; leave it empty when not known', elderly_text)]
            WHEN c_elderly_n > c_citizens_n
                THEN ['more_than_citizens', 'elderly', format('elderly ({}) is more than citizens ({}); the groups are part of the citizens on this line', c_elderly_n, c_citizens_n)]
            WHEN c_women_err IN ('negative', 'fraction', 'not_number') OR c_women_n > 2147483647 OR (c_women_n IS NULL AND c_women_err IS NULL AND women_text IS NOT NULL)
                THEN ['bad_optional_count', 'women', format('women "{}" is not a whole number ≥ 0; leave it empty when not known', women_text)]
            WHEN c_women_n > c_citizens_n
                THEN ['more_than_citizens', 'women', format('women ({}) is more than citizens ({}); the groups are part of the citizens on this line', c_women_n, c_citizens_n)]
            WHEN c_children_err IN ('negative', 'fraction', 'not_number') OR c_children_n > 2147483647 OR (c_children_n IS NULL AND c_children_err IS NULL AND children_text IS NOT NULL)
                THEN ['bad_optional_count', 'children', format('children "{}" is not a whole number ≥ 0; leave it empty when not known', children_text)]
            WHEN c_children_n > c_citizens_n
                THEN ['more_than_citizens', 'children', format('children ({}) is more than citizens ({}); the groups are part of the citizens on this line', c_children_n, c_citizens_n)]
            WHEN c_housed_err IN ('negative', 'fraction', 'not_number') OR c_housed_n > 2147483647 OR (c_housed_n IS NULL AND c_housed_err IS NULL AND housed_text IS NOT NULL)
                THEN ['bad_optional_count', 'housed', format('housed "{}" is not a whole number ≥ 0; leave it empty when not known', housed_text)]
            WHEN c_housed_n > c_citizens_n
                THEN ['more_than_citizens', 'housed', format('housed ({}) is more than citizens ({}); the groups are part of the citizens on this line', c_housed_n, c_citizens_n)]
            WHEN c_contacted_err IN ('negative', 'fraction', 'not_number') OR c_contacted_n > 2147483647 OR (c_contacted_n IS NULL AND c_contacted_err IS NULL AND contacted_text IS NOT NULL)
                THEN ['bad_optional_count', 'contacted', format('contacted "{}" is not a whole number ≥ 0; leave it empty when not known', contacted_text)]
            WHEN c_contacted_n > c_citizens_n
                THEN ['more_than_citizens', 'contacted', format('contacted ({}) is more than citizens ({}); the groups are part of the citizens on this line', c_contacted_n, c_citizens_n)]
            WHEN c_casualties_err IN ('negative', 'fraction', 'not_number') OR c_casualties_n > 2147483647 OR (c_casualties_n IS NULL AND c_casualties_err IS NULL AND casualties_text IS NOT NULL)
                THEN ['bad_optional_count', 'casualties', format('casualties "{}" is not a whole number ≥ 0; leave it empty when not known', casualties_text)]
            WHEN c_want_to_leave_err IN ('negative', 'fraction', 'not_number') OR c_want_to_leave_n > 2147483647
                THEN ['bad_optional_count', 'want_to_leave', format('want_to_leave "{}" is not a whole number ≥ 0; leave it empty when not known', want_to_leave_text)]
            WHEN c_want_to_leave_n > c_citizens_n
                THEN ['more_than_citizens', 'want_to_leave', format('want_to_leave ({}) is more than citizens ({}); count only those present on this line', c_want_to_leave_n, c_citizens_n)]
            WHEN c_medical_err IN ('negative', 'fraction', 'not_number') OR c_medical_n > 2147483647
                THEN ['bad_optional_count', 'medical', format('medical "{}" is not a whole number ≥ 0; leave it empty when not known', medical_text)]
            WHEN c_medical_n > c_citizens_n
                THEN ['more_than_citizens', 'medical', format('medical ({}) is more than citizens ({}); the groups are part of the citizens on this line', c_medical_n, c_citizens_n)]
        END AS problem
    FROM parsed
)
SELECT line,
       CASE WHEN problem IS NOT NULL THEN coalesce(raw, concat_ws(',', as_of_text, mission_text, country_text, city,
            category_text, citizens_text, approx_text, elderly_text, women_text, children_text, housed_text,
            contacted_text, casualties_text, note)) END AS raw,
       as_of, country_iso3, city, category,
       c_citizens_n::INTEGER AS count,
       c_citizens_approx OR approx_text IN ('yes', 'true', '1', 'y', 'да', 'иә', 'x', '~') AS approximate,
       mission_id,
       c_elderly_n::INTEGER AS elderly, c_women_n::INTEGER AS women, c_children_n::INTEGER AS children,
       c_housed_n::INTEGER AS housed, c_contacted_n::INTEGER AS contacted, c_casualties_n::INTEGER AS casualties,
       c_want_to_leave_n::INTEGER AS want_to_leave, c_medical_n::INTEGER AS medical,
       note,
       problem[1] AS err_code, problem[2] AS err_col, problem[3] AS err_reason
FROM judged;
