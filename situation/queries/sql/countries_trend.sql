-- Citizens over time up to $t, one point per report moment — or, when there are more than
-- $max_points moments, one point per bucket of whole hours wide enough that at most about
-- $max_points remain (a wall screen cannot show more; the value is the one at the bucket's last
-- report) — per group ($dim: 'country', 'category' or 'city'; the $max_groups largest; n_groups =
-- how many there were).
-- Same reading as headcounts_at(T) at every point T, computed in one pass: each row's change
-- against the previous row of its mission/country/city/category (delta), summed per bucket and
-- accumulated over buckets. The grid is dense (every group at every bucket) so stacked areas line
-- up; a group's points start at its first report. as_of/sources on a point are the group's newest
-- report moment and the files behind it.
WITH sel AS (
    SELECT h.*
    FROM headcounts h
    WHERE h.as_of <= $t
      AND (len($countries) = 0 OR list_contains($countries, h.country_iso3))
),
n AS (
    SELECT count(DISTINCT as_of) AS moments,
           ceil((epoch(max(as_of)) - epoch(min(as_of)) + 1) / $max_points / 3600) * 3600 AS width_s
    FROM sel
),
changes AS (
    SELECT CASE $dim WHEN 'country' THEN country_iso3
                     WHEN 'city' THEN country_iso3 || '|' || city
                     ELSE category END AS grp,
           country_iso3,
           CASE WHEN n.moments > $max_points THEN time_bucket(to_seconds(n.width_s::BIGINT), as_of) ELSE as_of END AS bucket,
           as_of, source_id,
           count - coalesce(lag(count) OVER w, 0) AS d_count,
           approximate::INT - coalesce(lag(approximate::INT) OVER w, 0) AS d_approx
    FROM sel, n
    -- Same order as headcounts_at's tie-break: a later file's row for the same key and moment (a
    -- correction) comes last, and the deltas telescope, so the moment sums to the corrected value.
    WINDOW w AS (PARTITION BY mission_id, country_iso3, city, category ORDER BY as_of, source_id, line)
),
per_bucket AS (
    SELECT grp, any_value(country_iso3) AS country_iso3, bucket,
           sum(d_count) AS d_count, sum(d_approx) AS d_approx, max(as_of) AS last_as_of,
           list(DISTINCT s.original_name ORDER BY s.original_name) AS files
    FROM changes JOIN sources s USING (source_id) GROUP BY grp, bucket
),
buckets AS (SELECT bucket, max(as_of) AS moment FROM changes GROUP BY bucket),
-- Only the $max_groups largest groups (by their latest figure) go on: a chart cannot show 80 cities.
grps AS (
    SELECT grp, any_value(country_iso3) AS country_iso3, count(*) OVER () AS n_groups
    FROM changes GROUP BY grp
    QUALIFY row_number() OVER (ORDER BY sum(d_count) DESC, grp) <= $max_groups
),
grid AS (
    SELECT g.grp, g.country_iso3, g.n_groups, b.bucket, b.moment,
           sum(coalesce(p.d_count, 0)) OVER w AS citizens,
           sum(coalesce(p.d_approx, 0)) OVER w AS n_approx,
           count(p.bucket) OVER w AS n_reports,
           last_value(p.last_as_of IGNORE NULLS) OVER w AS as_of,
           last_value(p.files IGNORE NULLS) OVER w AS files
    FROM grps g CROSS JOIN buckets b
    LEFT JOIN per_bucket p ON p.grp = g.grp AND p.bucket = b.bucket
    WINDOW w AS (PARTITION BY g.grp ORDER BY b.bucket ROWS UNBOUNDED PRECEDING)
)
SELECT grid.moment, grid.grp, grid.country_iso3,
       CASE WHEN $dim = 'city' THEN split_part(grid.grp, '|', 2) ELSE grid.grp END AS label,
       grid.citizens::BIGINT AS citizens, grid.n_approx > 0 AS approximate, grid.as_of, grid.files,
       grid.n_groups
FROM grid
WHERE grid.n_reports > 0
ORDER BY grid.grp, grid.moment;
