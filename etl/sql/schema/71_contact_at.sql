-- Citizen contact per country at moment t (UTC) — the warehouse's contract for the contact
-- figures: SELECT * FROM contact_at(TIMESTAMP '2026-03-04 12:00').
--   present            citizens at t: sum of headcounts_at(t) (never re-derived here)
--   requests_open      open_at_end of each mission's and channel's latest period ending at or
--                      before t, summed (hotline_open_at)
--   requests_24h       requests received in periods ending in (t − 24 h, t]
--   resolved_24h       requests resolved in periods ending in (t − 24 h, t]
--   oldest_open_hours  the largest reported age of an open request in those latest periods,
--                      as reported at the period's end; NULL when no mission reported it
--   last_campaign, last_alert_at, alert_delivered, alert_opened
--                      of the latest campaign that reached the country by t (all its rows for
--                      the country, every language, summed); opened NULL when not reported
--   alert_reach        alert_delivered ÷ present; NULL without citizens at t. Can exceed 1:
--                      phones reached are not only the citizens the missions counted.
-- One row per country with citizens, hotline periods or alerts by t.
CREATE OR REPLACE MACRO contact_at(t) AS TABLE
WITH present AS (
    SELECT country_iso3, sum(count)::BIGINT AS present FROM headcounts_at(t) GROUP BY ALL
),
open_now AS (
    SELECT country_iso3, sum(open_at_end)::BIGINT AS requests_open,
           max(oldest_open_hours) FILTER (WHERE open_at_end > 0) AS oldest_open_hours
    FROM hotline_open_at(t) GROUP BY ALL
),
day AS (
    SELECT country_iso3, sum(received)::BIGINT AS requests_24h, sum(resolved)::BIGINT AS resolved_24h
    FROM hotline_periods_current
    WHERE period_end > t - INTERVAL 24 HOUR AND period_end <= t
    GROUP BY ALL
),
sent AS (
    SELECT * FROM alert_campaigns_current WHERE sent_at <= t
),
last_campaign AS (
    SELECT country_iso3, arg_max(campaign, (sent_at, source_id, line)) AS campaign FROM sent GROUP BY ALL
),
alert AS (
    SELECT s.country_iso3, s.campaign AS last_campaign, max(s.sent_at) AS last_alert_at,
           sum(s.delivered)::BIGINT AS alert_delivered, sum(s.opened)::BIGINT AS alert_opened
    FROM sent s JOIN last_campaign l USING (country_iso3, campaign)
    GROUP BY ALL
),
countries AS (
    SELECT country_iso3 FROM present UNION SELECT country_iso3 FROM open_now
    UNION SELECT country_iso3 FROM day UNION SELECT country_iso3 FROM alert
)
SELECT c.country_iso3,
       coalesce(p.present, 0)::BIGINT AS present,
       coalesce(o.requests_open, 0)::BIGINT AS requests_open,
       coalesce(d.requests_24h, 0)::BIGINT AS requests_24h,
       coalesce(d.resolved_24h, 0)::BIGINT AS resolved_24h,
       o.oldest_open_hours,
       a.last_campaign, a.last_alert_at, a.alert_delivered, a.alert_opened,
       CASE WHEN coalesce(p.present, 0) > 0 THEN a.alert_delivered / p.present END AS alert_reach
FROM countries c
LEFT JOIN present p USING (country_iso3)
LEFT JOIN open_now o USING (country_iso3)
LEFT JOIN day d USING (country_iso3)
LEFT JOIN alert a USING (country_iso3);
