-- Names from countries in all three languages, ISO codes, short forms, plus extra spellings.
INSERT INTO country_aliases
SELECT DISTINCT norm_name(alias), iso3, alias
FROM (
    SELECT iso3, unnest([iso3, iso2, name_en, name_ru, name_kk, short_en, short_ru, short_kk]) AS alias
    FROM countries
    UNION ALL
    SELECT iso3, alias FROM read_csv($path, header = true, all_varchar = true)
)
WHERE alias IS NOT NULL AND trim(alias) <> '';
