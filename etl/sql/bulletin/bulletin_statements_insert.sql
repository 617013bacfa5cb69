-- One planned movement or region-wide figure stated by a bulletin (etl/bulletin/statements.py).
INSERT INTO bulletin_statements (source_id, line, statement, as_of, from_iso3, from_city, via_iso3, to_iso3,
                                 people, approximate, note)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
