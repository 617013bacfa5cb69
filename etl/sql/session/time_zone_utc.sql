-- Times are stored and compared in UTC whatever the machine's zone (etl/warehouse.py).
SET TimeZone = 'UTC';
