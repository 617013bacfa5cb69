-- Writes back what the rebuild derived per NOTAM (registered Arrow table notam_derived).
UPDATE notams
SET effective_end = d.effective_end, replaced_by = d.replaced_by, status = d.status,
    rule = d.rule, country_iso3 = d.country_iso3
FROM notam_derived d
WHERE notams.notam_id = d.notam_id
