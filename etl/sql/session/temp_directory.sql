-- Where a load spills past its memory limit (etl/warehouse.py).
SET temp_directory = ?;
