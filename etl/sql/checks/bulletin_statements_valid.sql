-- Bulletin statements: a known kind, people >= 0, known countries, and a source behind each.
SELECT source_id, line, 'unknown statement' AS problem FROM bulletin_statements
WHERE statement NOT IN ('plan', 'total_present', 'total_evacuated', 'total_planned')
UNION ALL
SELECT source_id, line, 'people < 0' FROM bulletin_statements WHERE people < 0
UNION ALL
SELECT b.source_id, b.line, 'unknown country' FROM bulletin_statements b
WHERE (b.from_iso3 IS NOT NULL AND b.from_iso3 NOT IN (SELECT iso3 FROM countries))
   OR (b.via_iso3 IS NOT NULL AND b.via_iso3 NOT IN (SELECT iso3 FROM countries))
   OR (b.to_iso3 IS NOT NULL AND b.to_iso3 NOT IN (SELECT iso3 FROM countries))
UNION ALL
SELECT b.source_id, b.line, 'no source' FROM bulletin_statements b ANTI JOIN sources s USING (source_id);
