-- The file's line of each row read, skipping the rejected lines: row rn2 is line l.
CREATE OR REPLACE TEMP TABLE _lines AS
SELECT row_number() OVER (ORDER BY l) - 1 AS rn2, l
FROM range($lo, $hi) t(l)
WHERE l NOT IN (SELECT line FROM _rej);
