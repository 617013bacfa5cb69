-- Alert campaigns: opened <= delivered <= targeted, counts >= 0, known country, channel, language.
SELECT source_id, line, 'delivered > targeted' AS problem FROM alert_campaigns WHERE delivered > targeted
UNION ALL
SELECT source_id, line, 'opened > delivered' FROM alert_campaigns WHERE opened > delivered
UNION ALL
SELECT source_id, line, 'negative count' FROM alert_campaigns WHERE least(targeted, delivered, coalesce(opened, 0)) < 0
UNION ALL
SELECT a.source_id, a.line, 'unknown country' FROM alert_campaigns a ANTI JOIN countries c ON c.iso3 = a.country_iso3
UNION ALL
SELECT source_id, line, 'unknown channel' FROM alert_campaigns WHERE channel NOT IN ('kaspi', 'sms', 'email', 'other')
UNION ALL
SELECT source_id, line, 'unknown language' FROM alert_campaigns WHERE language NOT IN ('kk', 'ru', 'en');
