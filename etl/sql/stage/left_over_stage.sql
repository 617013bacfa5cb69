-- `validated` binds to `stage` by name: point it at the left-over rows.
CREATE TEMP VIEW stage AS SELECT * FROM _left;
