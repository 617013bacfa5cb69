-- Every moment at which what contact_at(t) and hotline_open_at(t) read of the hotline and the
-- alerts can change, ascending (with moments_reports for the citizens it divides by):
--   period_end           a period becomes a mission's latest and counts in the last 24 hours;
--   period_end + 24 h    it leaves the last 24 hours (period_end > t - 24 h);
--   sent_at              a campaign has been sent.
SELECT DISTINCT m FROM (
    SELECT period_end AS m FROM hotline_periods
    UNION ALL SELECT period_end + INTERVAL 24 HOUR FROM hotline_periods
    UNION ALL SELECT sent_at FROM alert_campaigns
)
WHERE m IS NOT NULL
ORDER BY m;
