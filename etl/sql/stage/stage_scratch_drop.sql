-- The fast path's scratch tables, once a file is staged and stored.
DROP TABLE IF EXISTS temp._raw;
DROP TABLE IF EXISTS temp._lines;
DROP TABLE IF EXISTS temp._rej;
DROP TABLE IF EXISTS temp._rej_scan;
