-- Every moment at which what the evacuation queries read of movements and evacuation groups can
-- change, ascending (with moments_reports for headcounts_at, the moments evacuation_at(t),
-- movements_at(t), departures_at(t) and the movements board change):
--   reported_at          a movement's new state becomes known (movements_at);
--   scheduled            it departs (departures_at: scheduled <= t) and leaves the plan (scheduled > t);
--   scheduled - 72 h     it enters the 72-hour plan and the board's window (scheduled <= t + 72 h);
--   scheduled + 72 h + 1 µs  it leaves the board's window (BETWEEN keeps its end moment itself);
--   date                 an evacuation report's group is out (departures_at: date <= t).
SELECT DISTINCT m FROM (
    SELECT reported_at AS m FROM movements
    UNION ALL SELECT scheduled FROM movements
    UNION ALL SELECT scheduled - INTERVAL 72 HOUR FROM movements
    UNION ALL SELECT scheduled + INTERVAL 72 HOUR + INTERVAL 1 MICROSECOND FROM movements
    UNION ALL SELECT date FROM evacuations
)
WHERE m IS NOT NULL
ORDER BY m;
