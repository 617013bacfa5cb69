-- Kazakhstan's missions (embassies, consulates-general) and the countries each reports on.
CREATE TABLE missions (
    mission_id VARCHAR PRIMARY KEY,
    kind       VARCHAR,
    name_en    VARCHAR,
    name_ru    VARCHAR,
    name_kk    VARCHAR,
    city       VARCHAR,
    iso3       VARCHAR,
    lat        DOUBLE,
    lon        DOUBLE,
    covers     VARCHAR[]  -- ISO3 codes
);
