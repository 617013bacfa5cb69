-- The raw headcount rows of the given sources for the countries (up to $limit per source), each
-- with its line in the file and whether the picture as of $t uses it.
WITH used AS (
    SELECT source_id, line FROM headcounts_at($t)
    WHERE len($countries) = 0 OR list_contains($countries, country_iso3)
)
SELECT h.source_id, h.line, h.as_of, h.country_iso3, h.city, h.category, h.count, h.approximate,
       h.mission_id, h.elderly, h.women, h.children, h.housed, h.contacted, h.casualties, h.note,
       u.line IS NOT NULL AS in_picture
FROM headcounts h
LEFT JOIN used u USING (source_id, line)
WHERE list_contains($source_ids, h.source_id)
  AND (len($countries) = 0 OR list_contains($countries, h.country_iso3))
QUALIFY row_number() OVER (PARTITION BY h.source_id ORDER BY h.line) <= $limit
ORDER BY h.source_id, h.line;
