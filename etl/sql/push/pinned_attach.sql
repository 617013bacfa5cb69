-- The published warehouse, attached read-only while a push reads it: DuckDB's reader lock keeps a
-- finishing load from reusing the file as its standby. Parameter: the file's path.
ATTACH ? AS pinned (READ_ONLY)
