-- Status of every country now (UTC): airspace_at (54a_airspace_at.sql) at the present moment.
CREATE OR REPLACE VIEW airspace_now AS
SELECT * FROM airspace_at(CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP));
