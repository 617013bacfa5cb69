-- The fast path's rows, when the careful reader takes the file over.
DROP TABLE _raw;
