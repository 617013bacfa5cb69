-- Every moment an airspace interval or a NOTAM starts or ends, ascending: airspace_at(t) and the
-- NOTAMs in force change only at these moments.
SELECT DISTINCT m FROM (
    SELECT valid_from AS m FROM airspace
    UNION ALL SELECT valid_to FROM airspace
    UNION ALL SELECT valid_from FROM notams
    UNION ALL SELECT valid_to FROM notams
    UNION ALL SELECT effective_end FROM notams
)
WHERE m IS NOT NULL
ORDER BY m;
