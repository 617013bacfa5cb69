-- Validate staged evacuation rows (`stage`) as the view `validated` (see headcounts_checked.sql).
CREATE OR REPLACE TEMP VIEW validated AS
WITH alias AS (
    SELECT alias_norm, min(iso3) AS iso3 FROM country_aliases GROUP BY alias_norm HAVING count(DISTINCT iso3) = 1
),
parsed AS (
    SELECT s.line, s.raw, s.date AS date_text, parse_utc(s.date) AS date,
           s.from_country AS from_text, f.iso3 AS from_iso3, nullif(trim(s.from_city), '') AS from_city,
           nullif(trim(s.via), '') AS via, s.to_country AS to_text, t.iso3 AS to_iso3,
           s.people AS people_text, parse_count(s.people) AS p, nullif(lower(trim(s.mode)), '') AS mode, s.note
    FROM stage s
    LEFT JOIN alias f ON f.alias_norm = norm_name(s.from_country)
    LEFT JOIN alias t ON t.alias_norm = norm_name(s.to_country)
),
judged AS (
    SELECT *, CASE
        WHEN date IS NULL THEN ['bad_date', 'date', format('date "{}" is not a date; write e.g. 2026-03-03 or 2026-03-03 14:00 (UTC)', coalesce(date_text, ''))]
        WHEN ambiguous_day_month(date_text) THEN ['ambiguous_date', 'date', format('date "{}" reads as day/month or month/day; write it as 2026-03-03 or 03.03.2026', date_text)]
        WHEN date < TIMESTAMP '2000-01-01' THEN ['implausible_date', 'date', format('date "{}" is before 2000; check the year', date_text)]
        WHEN date > (SELECT now FROM load_context) + INTERVAL 10 MINUTE THEN ['future_date', 'date', format('date {} is in the future; check the date and the time zone', strftime(date, '%Y-%m-%d %H:%M'))]
        WHEN from_iso3 IS NULL THEN ['unknown_country', 'from_country', format('unknown country "{}"; write it in English, Russian or Kazakh, or its ISO code', coalesce(from_text, ''))]
        WHEN to_iso3 IS NULL THEN ['unknown_country', 'to_country', format('unknown country "{}"; write it in English, Russian or Kazakh, or its ISO code', coalesce(to_text, ''))]
        WHEN p.err IS NOT NULL OR p.n IS NULL OR p.n > 1000000 THEN ['not_a_count', 'people', format('people "{}" is not a whole number ≥ 0', coalesce(people_text, ''))]
    END AS problem
    FROM parsed
)
SELECT line, CASE WHEN problem IS NOT NULL THEN coalesce(raw, concat_ws(',', date_text, from_text, from_city, via, to_text, people_text, mode, note)) END AS raw,
       date, from_iso3, from_city, via, to_iso3, p.n::INTEGER AS people, mode, note,
       problem[1] AS err_code, problem[2] AS err_col, problem[3] AS err_reason
FROM judged;
