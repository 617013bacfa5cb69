-- A huge report must not take the machine's memory from the dashboard: past the limit
-- (SITROOM_LOAD_MEMORY) DuckDB spills to the temp folder (etl/warehouse.py).
SET memory_limit = ?;
