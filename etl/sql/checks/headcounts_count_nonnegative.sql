-- Counts are whole numbers >= 0, and no vulnerable group exceeds the citizens it belongs to.
-- Rows of the sources a load added ($since; earlier rows passed when they were loaded).
SELECT source_id, line, count, elderly, women, children
FROM headcounts
WHERE source_id >= $since
  AND (count < 0 OR elderly < 0 OR women < 0 OR children < 0 OR housed < 0 OR contacted < 0
   OR casualties < 0 OR elderly > count OR women > count OR children > count);
