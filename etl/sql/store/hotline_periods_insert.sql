-- The good rows of a staged hotline log (the view `validated`, sql/stage/hotline_validated.sql).
INSERT INTO hotline_periods (period_start, period_end, mission_id, country_iso3, channel, topic, received, resolved,
                             open_at_end, oldest_open_hours, note, source_id, line)
SELECT period_start, period_end, mission_id, country_iso3, channel, topic, received, resolved,
       open_at_end, oldest_open_hours, note, $source_id, line
FROM validated WHERE err_code IS NULL;
