-- Flight information regions and the countries under them (one row per FIR-country pair).
CREATE TABLE firs (
    fir  VARCHAR NOT NULL,
    name VARCHAR,
    iso3 VARCHAR NOT NULL
);
