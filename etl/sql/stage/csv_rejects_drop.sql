-- The reader's reject tables of the file staged before (read_csv's store_rejects recreates them).
DROP TABLE IF EXISTS temp._rej;
DROP TABLE IF EXISTS temp._rej_scan;
