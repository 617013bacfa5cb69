-- The validation objects of one file, dropped once its rows and rejects are stored.
DROP VIEW IF EXISTS validated;
DROP TABLE IF EXISTS load_context;
DROP TABLE IF EXISTS _left;
DROP TABLE IF EXISTS _dups;
