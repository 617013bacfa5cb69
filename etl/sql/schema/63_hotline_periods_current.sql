-- Hotline periods with corrections applied: when a later file re-sends a period of the same
-- mission and channel (same start and end), its rows replace the earlier file's rows for that
-- period whole (a topic left out of the correction is then zero). Everything reading hotline
-- figures (contact_at, hotline_open_at, the contact page) reads this view.
CREATE VIEW hotline_periods_current AS
SELECT *
FROM hotline_periods
QUALIFY source_id = max(source_id) OVER (PARTITION BY mission_id, channel, period_start, period_end);
