-- Groups of citizens brought out of a country.
CREATE TABLE evacuations (
    evac_id   VARCHAR NOT NULL,   -- source_id-line, stable across rebuilds
    date      TIMESTAMP NOT NULL, -- UTC
    from_iso3 VARCHAR NOT NULL,
    from_city VARCHAR,
    via       VARCHAR,
    to_iso3   VARCHAR NOT NULL,
    people    INTEGER NOT NULL,
    mode      VARCHAR,
    note      VARCHAR,
    source_id INTEGER NOT NULL,
    line      INTEGER NOT NULL
);
