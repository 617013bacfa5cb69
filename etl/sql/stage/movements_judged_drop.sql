-- The movement list's validation objects, once its rows are stored.
DROP VIEW validated;
DROP TABLE _judged;
DROP TABLE load_context;
