-- Accepted spellings of the headcount categories, filled from data/reference/categories.csv.
CREATE TABLE category_aliases (
    alias_norm VARCHAR NOT NULL,
    category   VARCHAR NOT NULL   -- tourist, pilgrim, transit, resident, official, student, other
);
