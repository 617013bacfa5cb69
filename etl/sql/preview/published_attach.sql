-- The published warehouse, read-only, to copy reference tables and known rows from (etl/preview.py).
ATTACH ? AS wh (READ_ONLY);
