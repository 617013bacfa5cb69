-- A file's content is loaded at most once.
SELECT sha256, count(*) AS n FROM sources GROUP BY sha256 HAVING count(*) > 1;
