-- Every country of the reference list with its names in the three languages, short names, the
-- point a map labels it at and whether it is in the region the dashboard covers.
SELECT iso3, iso2, name_en, name_ru, name_kk, short_en, short_ru, short_kk, lat, lon, in_region FROM countries
