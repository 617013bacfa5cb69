-- The $n countries with the most citizens as of $t (the default selection of the countries page).
SELECT country_iso3, sum(count)::BIGINT AS citizens
FROM headcounts_at($t)
GROUP BY country_iso3
ORDER BY citizens DESC, country_iso3
LIMIT $n;
