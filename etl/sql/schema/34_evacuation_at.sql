-- The evacuation operation at moment t (UTC), per country people leave (contract macro):
--   present        citizens as reported at t (headcounts_at)
--   want_to_leave  citizens registered to leave, summed over the newest rows that report it
--   evacuated      people out up to t, every mode (departures_at: departed/arrived movements known
--                  at t plus the evacuation reports' groups already out); a plan never counts
--   remaining      want_to_leave minus people who left after that report's as_of and up to t,
--                  never below 0 (NULL when no mission reports want_to_leave)
--   seats_next_72h seats of planned/confirmed movements scheduled in (t, t + 72 h], as known at t
--   next_departure the earliest planned/confirmed departure after t (next_from_place, next_seats)
--   days_to_clear  remaining ÷ (seats_next_72h ÷ 3); 0 when nobody remains; NULL when people
--                  remain and no seats are planned ("no capacity planned")
CREATE MACRO evacuation_at(t) AS TABLE
WITH hc AS (
    SELECT country_iso3, sum(count)::BIGINT AS present, sum(want_to_leave)::BIGINT AS want_to_leave,
           max(as_of) FILTER (WHERE want_to_leave IS NOT NULL) AS want_as_of
    FROM headcounts_at(t)
    GROUP BY country_iso3
),
mv AS (
    SELECT * FROM movements_at(t)
),
gone AS (
    SELECT country_iso3, left_at, people FROM departures_at(t)
),
out AS (
    SELECT g.country_iso3, sum(g.people)::BIGINT AS evacuated,
           coalesce(sum(g.people) FILTER (WHERE g.left_at > hc.want_as_of), 0)::BIGINT AS left_since_report
    FROM gone g LEFT JOIN hc USING (country_iso3)
    GROUP BY g.country_iso3
),
plan AS (
    SELECT from_iso3 AS country_iso3,
           coalesce(sum(seats) FILTER (WHERE scheduled <= t + INTERVAL 72 HOUR), 0)::BIGINT AS seats_next_72h,
           min(scheduled) AS next_departure,
           arg_min(from_place, (scheduled, flight)) AS next_from_place,
           arg_min(seats, (scheduled, flight)) AS next_seats
    FROM mv WHERE status IN ('planned', 'confirmed') AND scheduled > t
    GROUP BY from_iso3
),
keyed AS (
    SELECT country_iso3 FROM hc UNION SELECT country_iso3 FROM out UNION SELECT country_iso3 FROM plan
),
joined AS (
    SELECT k.country_iso3, hc.present, hc.want_to_leave, coalesce(out.evacuated, 0)::BIGINT AS evacuated,
           CASE WHEN hc.want_to_leave IS NOT NULL
                THEN greatest(0, hc.want_to_leave - coalesce(out.left_since_report, 0))::BIGINT END AS remaining,
           coalesce(plan.seats_next_72h, 0)::BIGINT AS seats_next_72h,
           plan.next_departure, plan.next_from_place, plan.next_seats, hc.want_as_of
    FROM keyed k
    LEFT JOIN hc USING (country_iso3)
    LEFT JOIN out USING (country_iso3)
    LEFT JOIN plan USING (country_iso3)
)
SELECT country_iso3, present, want_to_leave, evacuated, remaining, seats_next_72h, next_departure,
       CASE WHEN remaining = 0 THEN 0.0
            WHEN remaining > 0 AND seats_next_72h > 0 THEN remaining / (seats_next_72h / 3.0)
       END AS days_to_clear,
       next_from_place, next_seats, want_as_of
FROM joined;
