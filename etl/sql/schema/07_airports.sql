-- Airports in the region (generated from the airportsdata package).
CREATE TABLE airports (
    icao VARCHAR PRIMARY KEY,
    iata VARCHAR,
    name VARCHAR,
    city VARCHAR,
    iso3 VARCHAR,
    lat  DOUBLE,
    lon  DOUBLE,
    tz   VARCHAR
);
