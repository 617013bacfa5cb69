-- A report's moment as UTC: ISO with an offset or Z is converted; without one it is taken as
-- UTC already; day-first dates (04.03.2026 09:00) are accepted as missions write them.
CREATE OR REPLACE MACRO parse_utc(s) AS
    CASE
        WHEN s IS NULL OR trim(s) = '' THEN NULL::TIMESTAMP
        -- No place on Earth is more than 14 hours from UTC: +25:00 is a typo, not a zone.
        WHEN regexp_matches(trim(s), '[+-][0-9]{2}:?[0-9]{2}$')
             AND (TRY_CAST(regexp_extract(trim(s), '[+-]([0-9]{2}):?([0-9]{2})$', 1) AS INTEGER) > 14
                  OR TRY_CAST(regexp_extract(trim(s), '[+-]([0-9]{2}):?([0-9]{2})$', 2) AS INTEGER) > 59)
            THEN NULL::TIMESTAMP
        WHEN regexp_matches(trim(s), '(Z|[+-][0-9]{2}:?[0-9]{2})$')
            THEN TRY_CAST(TRY_CAST(trim(s) AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP)
        ELSE coalesce(
            TRY_CAST(trim(s) AS TIMESTAMP),
            try_strptime(trim(s), ['%Y-%m-%d %H:%M', '%Y-%m-%dT%H:%M', '%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M',
                                   '%d.%m.%Y', '%d/%m/%Y %H:%M', '%d/%m/%Y']))
    END;
