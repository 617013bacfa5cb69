-- How reports write a count: "3500", "3 500" (also with no-break or thin spaces), "3,500",
-- "~3 500", "около 3000", "шамамен 3 500", "1 500-ге жуық". Returns {n, approx, err} where err is
-- NULL, 'empty', 'negative', 'fraction' or 'not_number'.
CREATE OR REPLACE MACRO parse_count(s) AS (
    WITH x AS (SELECT trim(coalesce(s, '')) AS t)
    SELECT CASE
        WHEN t = '' THEN {'n': NULL::BIGINT, 'approx': false, 'err': 'empty'}
        WHEN TRY_CAST(t AS BIGINT) >= 0 AND regexp_full_match(t, '[0-9]+')
            THEN {'n': CAST(t AS BIGINT), 'approx': false, 'err': NULL}
        ELSE (
            WITH y AS (SELECT
                regexp_matches(lower(t), '^(~|≈|около|примерно|приблизительно|порядка|более|свыше|шамамен|шамасы|шамамен алғанда|about|approx\.?|approximately|around|some|more than|over|ca\.?)[\s\x{00A0}]*|([\s\x{00A0}]*|-)(ге|ға|ке|қа)?[\s\x{00A0}]*(жуық|шамасында|шақты|астам)$') AS approx,
                regexp_replace(regexp_replace(lower(t),
                    '^(~|≈|около|примерно|приблизительно|порядка|более|свыше|шамамен|шамасы|шамамен алғанда|about|approx\.?|approximately|around|some|more than|over|ca\.?)[\s\x{00A0}]*|([\s\x{00A0}]*|-)(ге|ға|ке|қа)?[\s\x{00A0}]*(жуық|шамасында|шақты|астам)$', '', 'g'),
                    '[\s\x{00A0}\x{202F}\x{2009}]', '', 'g') AS d)
            SELECT CASE
                WHEN regexp_full_match(d, '[0-9]+') THEN {'n': TRY_CAST(d AS BIGINT), 'approx': approx, 'err': NULL}
                WHEN regexp_full_match(d, '[0-9]{1,3}(,[0-9]{3})+') THEN {'n': TRY_CAST(replace(d, ',', '') AS BIGINT), 'approx': approx, 'err': NULL}
                WHEN regexp_full_match(d, '-[0-9]+([.,][0-9]+)?') THEN {'n': NULL::BIGINT, 'approx': approx, 'err': 'negative'}
                WHEN regexp_full_match(d, '[0-9]+[.,][0-9]+') THEN {'n': NULL::BIGINT, 'approx': approx, 'err': 'fraction'}
                ELSE {'n': NULL::BIGINT, 'approx': approx, 'err': 'not_number'}
            END FROM y)
    END FROM x
);
