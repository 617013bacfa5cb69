-- The contact indicators for the chosen countries at $t and 24 hours before (state 'now', 'day'),
-- summed from contact_at: requests waiting, received and resolved in the last 24 h, the longest
-- reported wait, and the reach of each country's latest alert (delivered ÷ citizens present in
-- all chosen countries: a country no alert reached counts as not reached).
WITH x AS (
    SELECT 'now' AS state, * FROM contact_at($t)
    UNION ALL BY NAME
    SELECT 'day' AS state, * FROM contact_at($t - INTERVAL 24 HOUR)
)
SELECT s.state,
       coalesce(sum(x.requests_open), 0)::BIGINT AS requests_open,
       coalesce(sum(x.requests_24h), 0)::BIGINT AS requests_24h,
       coalesce(sum(x.resolved_24h), 0)::BIGINT AS resolved_24h,
       max(x.oldest_open_hours) AS oldest_open_hours,
       max(x.last_alert_at) AS last_alert_at,
       sum(x.alert_delivered)::BIGINT AS alert_delivered,
       coalesce(sum(x.present), 0)::BIGINT AS present,
       CASE WHEN sum(x.present) > 0 THEN coalesce(sum(x.alert_delivered), 0) / sum(x.present) END AS alert_reach,
       count(x.last_alert_at) AS countries_alerted,
       count(x.country_iso3) FILTER (WHERE x.present > 0) AS countries_present
FROM (VALUES ('now'), ('day')) s(state)
LEFT JOIN x ON x.state = s.state
     AND (len($countries) = 0 OR list_contains($countries, x.country_iso3))
GROUP BY s.state;
