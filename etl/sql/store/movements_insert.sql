-- The good rows of a movement list, as judged once in _judged (sql/stage/movements_judged.sql).
INSERT INTO movements (reported_at, mission_id, flight, mode, from_iso3, from_place, to_place, scheduled, arrival,
                       status, seats, passengers, elderly, women, children, medical, note, source_id, line)
SELECT reported_at, mission_id, flight, mode, from_iso3, from_place, to_place, scheduled, arrival,
       status, seats, passengers, elderly, women, children, medical, note, $sid, line
FROM _judged WHERE err_code IS NULL;
