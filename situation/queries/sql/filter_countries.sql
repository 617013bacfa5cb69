-- The countries offered in the sidebar's filter: the region's, plus any country that has reports.
SELECT iso3, name_en, name_ru, name_kk FROM countries
WHERE in_region OR iso3 IN (SELECT DISTINCT country_iso3 FROM headcounts)
