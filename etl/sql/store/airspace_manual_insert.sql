-- One good status-sheet row: a country (or FIR) and period the analysts set by hand.
INSERT INTO airspace_manual (country_iso3, fir, status, valid_from, valid_to, note, source, source_id, line)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);
