-- A batch of parsed NOTAMs (registered Arrow table notam_batch): those not yet in the warehouse.
INSERT INTO notams (notam_id, fir, qcode, valid_from, valid_to, permanent, text, raw, series, number, year, kind,
                    replaces, estimated_end, subject, condition, traffic, purpose, scope, locations, lat, lon,
                    radius_nm, lower, upper, item_f, item_g, schedule, part, line, source_id)
SELECT b.notam_id, b.fir, b.qcode, b.valid_from, b.valid_to, b.permanent, b.text, b.raw, b.series, b.number, b.year,
       b.kind, b.replaces, b.estimated_end, b.subject, b.condition, b.traffic, b.purpose, b.scope, b.locations,
       b.lat, b.lon, b.radius_nm, b.lower, b.upper, b.item_f, b.item_g, b.schedule, b.part, b.line, $sid
FROM notam_batch b
WHERE NOT EXISTS (SELECT 1 FROM notams n WHERE n.notam_id = b.notam_id)
