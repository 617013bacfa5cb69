-- The catalog name of the standby this connection writes (the file's own name).
SELECT current_database()
