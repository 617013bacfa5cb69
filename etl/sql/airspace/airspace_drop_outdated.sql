-- The derived airspace table of a warehouse built before the `unknown` status and overrun_since:
-- dropped, then recreated from schema/52_airspace.sql (it is rebuilt on every load anyway).
DROP TABLE IF EXISTS airspace
