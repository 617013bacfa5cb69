-- Land border crossings usable for evacuation, with their regime.
CREATE TABLE crossings (
    crossing_id     VARCHAR PRIMARY KEY,
    name_en         VARCHAR,
    name_ru         VARCHAR,
    name_kk         VARCHAR,
    from_iso3       VARCHAR,
    to_iso3         VARCHAR,
    lat             DOUBLE,
    lon             DOUBLE,
    status          VARCHAR,   -- open, limited, closed
    permit_required BOOLEAN,
    rule_en         VARCHAR,
    rule_ru         VARCHAR,
    rule_kk         VARCHAR,
    source          VARCHAR
);
