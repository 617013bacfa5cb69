-- Each reference FIR with its countries; the first listed in firs.csv (rowid order) is the principal one.
SELECT fir, iso3 FROM firs ORDER BY rowid
