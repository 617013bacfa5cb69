"""NOTAMs and airspace status, grouped: what a NOTAM says and what that means for a FIR and a country.

- notam: ICAO NOTAM text and JSON → `Notam` records and rejects (pure, no database);
- schedule: item D) → the windows in which a NOTAM is active;
- rules: the ordered classification rules (what E) says for civil traffic);
- timeline: from classified NOTAMs and analysts' rows to FIR and country status intervals;
- rebuild: `rebuild_airspace`, which writes `airspace` from `notams` and `airspace_manual` (its
  SQL in etl/sql/airspace/); the notams and status_sheet kinds name it as their derive step.

Imports go one way: etl.kinds → etl.airspace → etl.warehouse / etl.kinds.base; nothing here
imports a kind module.
"""
