-- A bulletin's evacuations (no mode: a bulletin seldom says), each with its sentence (etl/kinds/bulletin.py).
INSERT INTO evacuations (evac_id, date, from_iso3, from_city, via, to_iso3, people, mode, note, source_id, line)
VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?);
