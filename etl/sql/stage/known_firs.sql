-- The FIR codes of the reference data (data/reference/firs.csv).
SELECT DISTINCT fir FROM firs;
