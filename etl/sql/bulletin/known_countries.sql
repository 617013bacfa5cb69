-- The ISO codes a reviewed bulletin statement may name.
SELECT iso3 FROM countries;
