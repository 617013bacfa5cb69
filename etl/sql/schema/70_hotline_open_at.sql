-- Requests waiting for an answer at moment t (UTC), at the finest grain the reports give:
-- for each mission and channel, the rows of its latest period ending at or before t (one row
-- per country and topic). A topic or country missing from that period has nothing open.
-- contact_at(t) sums this per country; the contact page sums it per mission.
CREATE OR REPLACE MACRO hotline_open_at(t) AS TABLE
WITH upto AS (
    SELECT * FROM hotline_periods_current WHERE period_end <= t
),
latest AS (
    SELECT mission_id, channel, max(period_end) AS period_end FROM upto GROUP BY ALL
)
SELECT u.mission_id, u.channel, u.country_iso3, u.topic, u.period_start, u.period_end,
       u.open_at_end, u.oldest_open_hours, u.source_id, u.line
FROM upto u
JOIN latest l USING (mission_id, channel, period_end);
