-- Requests waiting for an answer at $t for the chosen countries (sum of hotline_open_at): the
-- figure 24 hours before is what the change under "waiting" is measured against, and needs no
-- picture of the citizens (contact_at would compute one).
SELECT coalesce(sum(open_at_end), 0)::BIGINT AS requests_open
FROM hotline_open_at($t)
WHERE len($countries) = 0 OR list_contains($countries, country_iso3);
