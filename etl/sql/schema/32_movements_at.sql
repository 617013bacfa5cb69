-- Each movement as it was known at moment t (UTC): per flight, the row with the newest
-- reported_at <= t; a later-loaded file (then a later line) wins a tie — a correction.
-- A report made after t is invisible at t, so time travel shows what was known then.
CREATE MACRO movements_at(t) AS TABLE
SELECT unnest(arg_max(m, (m.reported_at, m.source_id, m.line)))
FROM movements m
WHERE m.reported_at <= t
GROUP BY m.flight;
