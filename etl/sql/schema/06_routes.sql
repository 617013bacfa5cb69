-- Land evacuation routes: start city, crossing, onward airport.
CREATE TABLE routes (
    route_id            VARCHAR PRIMARY KEY,
    crossing_id         VARCHAR,
    start_city          VARCHAR,
    start_iso3          VARCHAR,
    start_lat           DOUBLE,
    start_lon           DOUBLE,
    onward_airport_icao VARCHAR,
    onward_city         VARCHAR,
    name_en             VARCHAR,
    name_ru             VARCHAR,
    name_kk             VARCHAR
);
