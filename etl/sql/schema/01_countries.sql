-- Countries (ISO 3166-1) with their names in the three working languages and a centroid.
CREATE TABLE countries (
    iso3      VARCHAR PRIMARY KEY,
    iso2      VARCHAR NOT NULL,
    iso_num   VARCHAR,
    name_en   VARCHAR NOT NULL,
    name_ru   VARCHAR NOT NULL,
    name_kk   VARCHAR NOT NULL,
    short_en  VARCHAR,
    short_ru  VARCHAR,
    short_kk  VARCHAR,
    lat       DOUBLE,   -- degrees, WGS84
    lon       DOUBLE,
    in_region BOOLEAN NOT NULL DEFAULT false
);
