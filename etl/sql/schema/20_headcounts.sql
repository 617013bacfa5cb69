-- Mission headcount rows: citizens in a country/city/category as of a moment (UTC).
-- Optional counts are NULL when the report left them empty ("not reported", not zero).
CREATE TABLE headcounts (
    as_of        TIMESTAMP NOT NULL,  -- UTC
    country_iso3 VARCHAR NOT NULL,
    city         VARCHAR NOT NULL,    -- '' = the whole country
    category     VARCHAR NOT NULL,
    count        INTEGER NOT NULL,    -- citizens
    approximate  BOOLEAN NOT NULL,
    mission_id   VARCHAR NOT NULL,
    source_id    INTEGER NOT NULL,
    line         INTEGER NOT NULL,
    elderly      INTEGER,
    women        INTEGER,
    children     INTEGER,
    housed       INTEGER,             -- housed in hotels (with meals)
    contacted    INTEGER,             -- reached by the mission
    casualties   INTEGER,
    note         VARCHAR
);
