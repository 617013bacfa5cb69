-- The first headcount moment (for "before the first report"). A year-0 row, possible in a
-- warehouse older than the ETL's date rules, is not the first report.
SELECT min(as_of) AS first FROM headcounts WHERE as_of >= TIMESTAMP '2000-01-01'
