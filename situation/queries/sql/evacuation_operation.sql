-- The evacuation operation per country at $t: the contract macro evacuation_at, filtered.
SELECT e.*
FROM evacuation_at($t) e
WHERE len($countries) = 0 OR list_contains($countries, e.country_iso3)
ORDER BY coalesce(e.remaining, 0) DESC, e.evacuated DESC, e.country_iso3;
