INSERT INTO firs BY NAME
SELECT fir, name, iso3 FROM read_csv($path, header = true, all_varchar = true);
