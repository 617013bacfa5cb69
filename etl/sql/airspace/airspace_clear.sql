-- `airspace` is derived: every rebuild writes it from scratch.
DELETE FROM airspace
