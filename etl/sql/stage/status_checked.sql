-- A status sheet's staged rows checked (etl/kinds/status_sheet.py): country names resolved through
-- country_aliases, a known FIR code in the country column taken as that FIR, times through the
-- parse_utc macro. The status word and the rest are judged in Python, row by row.
CREATE OR REPLACE TEMP TABLE status_checked AS
SELECT s.line, s.raw, s.note, s.source,
       lower(trim(s.status)) AS status_word,
       -- A FIR code in the country column counts as a FIR only when it is a known FIR: "Oman" is
       -- four letters too, and must stay a country.
       CASE WHEN s.fir IS NOT NULL AND trim(s.fir) <> '' THEN upper(trim(s.fir))
            WHEN upper(trim(coalesce(s.country, ''))) IN (SELECT fir FROM firs) THEN upper(trim(s.country)) END AS fir,
       CASE WHEN upper(trim(coalesce(s.country, ''))) IN (SELECT fir FROM firs) THEN NULL
            ELSE (SELECT min(a.iso3) FROM country_aliases a WHERE a.alias_norm = norm_name(s.country)) END AS iso3,
       nullif(trim(coalesce(s.country, '')), '') AS country_raw,
       parse_utc(s.valid_from) AS valid_from, parse_utc(s.valid_to) AS valid_to,
       nullif(trim(coalesce(s.valid_to, '')), '') AS to_raw
FROM stage s;
