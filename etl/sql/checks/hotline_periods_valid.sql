-- Hotline periods: end after start, counts >= 0, known mission/country/channel/topic, no two
-- periods of one mission and channel overlapping (after corrections).
SELECT source_id, line, 'period_end <= period_start' AS problem FROM hotline_periods WHERE period_end <= period_start
UNION ALL
SELECT source_id, line, 'negative count' FROM hotline_periods WHERE least(received, resolved, open_at_end) < 0
UNION ALL
SELECT h.source_id, h.line, 'unknown mission' FROM hotline_periods h ANTI JOIN missions m ON m.mission_id = h.mission_id
UNION ALL
SELECT h.source_id, h.line, 'unknown country' FROM hotline_periods h ANTI JOIN countries c ON c.iso3 = h.country_iso3
UNION ALL
SELECT source_id, line, 'unknown channel' FROM hotline_periods
WHERE channel NOT IN ('phone', 'whatsapp', 'telegram', 'email', 'walk-in', 'other')
UNION ALL
SELECT source_id, line, 'unknown topic' FROM hotline_periods
WHERE topic NOT IN ('leave', 'medical', 'documents', 'money', 'housing', 'information', 'other')
UNION ALL
SELECT a.source_id, a.line, 'overlapping periods'
FROM (SELECT DISTINCT mission_id, channel, period_start, period_end, source_id, line FROM hotline_periods_current) a
JOIN (SELECT DISTINCT mission_id, channel, period_start, period_end FROM hotline_periods_current) b
  ON a.mission_id = b.mission_id AND a.channel = b.channel
 AND a.period_start < b.period_end AND b.period_start < a.period_end
 AND (a.period_start, a.period_end) <> (b.period_start, b.period_end);
