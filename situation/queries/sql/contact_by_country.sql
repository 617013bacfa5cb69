-- Citizen contact per country at $t: the contract contact_at($t) as is, for the chosen
-- countries ($countries empty = all), the most waiting first.
SELECT *
FROM contact_at($t)
WHERE len($countries) = 0 OR list_contains($countries, country_iso3)
ORDER BY requests_open DESC, present DESC, country_iso3;
