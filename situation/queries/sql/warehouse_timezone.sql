-- Every time the door reads is naive UTC. GLOBAL: cursors do not inherit session settings.
SET GLOBAL TimeZone = 'UTC'
