-- The tables' columns of one attached database (a warehouse's shape, compared before a catch-up).
-- Parameter: the database (catalog) name.
SELECT table_name, column_name, data_type FROM information_schema.columns
WHERE table_catalog = ? AND table_schema = 'main' ORDER BY ALL
