-- Alert campaign rows with corrections applied: a later file's row for the same campaign,
-- audience country and language replaces the earlier one.
CREATE VIEW alert_campaigns_current AS
SELECT *
FROM alert_campaigns
QUALIFY row_number() OVER (PARTITION BY campaign, country_iso3, language ORDER BY source_id DESC, line DESC) = 1;
