-- True when a date written with slashes reads two ways: 03/04/2026 is 3 April to a Kazakh or
-- Russian writer and 4 March to an American one. Both numbers ≤ 12 and different: reject rather
-- than guess (13/04/2026 or 04/04/2026 read one way only). Dotted dates (04.03.2026) are day-first
-- by convention everywhere they are written and stay accepted.
CREATE OR REPLACE MACRO ambiguous_day_month(s) AS (
    WITH x AS (SELECT regexp_extract(trim(coalesce(s, '')), '^([0-9]{1,2})/([0-9]{1,2})/[0-9]{4}', ['d', 'm']) AS p)
    SELECT coalesce(TRY_CAST(p.d AS INTEGER) BETWEEN 1 AND 12 AND TRY_CAST(p.m AS INTEGER) BETWEEN 1 AND 12
                    AND TRY_CAST(p.d AS INTEGER) <> TRY_CAST(p.m AS INTEGER), false)
    FROM x
);
