-- Requests received per day and topic over the $days days up to $t, from the hotline periods
-- (corrections applied), counted on the day their period ended, for the chosen countries.
SELECT date_trunc('day', period_end) AS day, topic,
       sum(received)::BIGINT AS received, sum(resolved)::BIGINT AS resolved,
       count(DISTINCT mission_id) AS missions, max(period_end) AS last_period_end
FROM hotline_periods_current
WHERE period_end <= $t AND period_end > $t - to_days(CAST($days AS INTEGER))
  AND (len($countries) = 0 OR list_contains($countries, country_iso3))
GROUP BY ALL
ORDER BY day, topic;
