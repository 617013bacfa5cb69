-- Every accepted spelling of a country (names in three languages, ISO codes, short forms),
-- normalised with norm_name(); filled from countries plus data/reference/country_aliases.csv.
CREATE TABLE country_aliases (
    alias_norm VARCHAR NOT NULL,
    iso3       VARCHAR NOT NULL,
    alias      VARCHAR NOT NULL
);
