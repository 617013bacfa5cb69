-- The good rows of a staged alerts report (the view `validated`, sql/stage/alerts_validated.sql).
INSERT INTO alert_campaigns (campaign, sent_at, channel, country_iso3, language, message, targeted, delivered, opened,
                             note, source_id, line)
SELECT campaign, sent_at, channel, country_iso3, language, message, targeted, delivered, opened, note, $source_id, line
FROM validated WHERE err_code IS NULL;
