-- Priority groups per country at $t: who is left (headcounts_at, NULL = not reported) and who has
-- gone (departed/arrived movements as known at $t).
WITH left_ AS (
    SELECT country_iso3, sum(count)::BIGINT AS left_citizens, sum(elderly)::BIGINT AS left_elderly,
           sum(women)::BIGINT AS left_women, sum(children)::BIGINT AS left_children,
           sum(medical)::BIGINT AS left_medical
    FROM headcounts_at($t) GROUP BY country_iso3
),
gone AS (
    SELECT from_iso3 AS country_iso3, sum(passengers)::BIGINT AS gone_people, sum(elderly)::BIGINT AS gone_elderly,
           sum(women)::BIGINT AS gone_women, sum(children)::BIGINT AS gone_children,
           sum(medical)::BIGINT AS gone_medical
    FROM movements_at($t) WHERE status IN ('departed', 'arrived') AND scheduled <= $t
    GROUP BY from_iso3
)
SELECT * FROM left_ FULL JOIN gone USING (country_iso3)
WHERE len($countries) = 0 OR list_contains($countries, country_iso3)
ORDER BY coalesce(left_citizens, 0) + coalesce(gone_people, 0) DESC, country_iso3;
