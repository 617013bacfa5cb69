-- Validate staged hotline rows (`stage`, all text) as the view `validated` (see
-- headcounts_validated.sql for the pattern). Row-by-row problems first; then, among the rows
-- without one, the problems that need other rows — this file's and those already loaded:
--   overlap     the period overlaps another period (different start or end) of the same mission
--               and channel; the later line of the file is the one rejected
--   over-resolved  resolved > received + the requests open at the end of the previous period of
--               the same mission and channel (for this country and topic; 0 when none is known)
--   duplicate   the same period, mission, country, channel and topic twice in the file
-- The view is evaluated twice (good rows, then the leftovers for their reasons); on the second
-- pass this file's good rows are already in hotline_periods, so each cross-row rule sees the
-- same rows both times.
CREATE OR REPLACE TEMP VIEW validated AS
WITH
alias AS (
    SELECT alias_norm, min(iso3) AS iso3 FROM country_aliases GROUP BY alias_norm HAVING count(DISTINCT iso3) = 1
),
cty AS (
    SELECT s.k, a.iso3 AS v FROM (SELECT DISTINCT country AS k FROM stage) s
    LEFT JOIN alias a ON a.alias_norm = norm_name(s.k)
),
mis AS (
    SELECT s.k, min(m.mission_id) AS v FROM (SELECT DISTINCT mission AS k FROM stage) s
    LEFT JOIN missions m
        ON norm_name(m.mission_id) = norm_name(s.k) OR norm_name(m.name_en) = norm_name(s.k)
        OR norm_name(m.name_ru) = norm_name(s.k) OR norm_name(m.name_kk) = norm_name(s.k)
    GROUP BY s.k
),
mis_hint AS (
    SELECT c.k, arg_max(m.mission_id, jaro_winkler_similarity(norm_name(c.k), norm_name(m.mission_id))) AS hint
    FROM mis c, missions m WHERE c.v IS NULL AND c.k IS NOT NULL GROUP BY c.k
),
chn AS (SELECT k, contact_code('channel', k) AS v FROM (SELECT DISTINCT channel AS k FROM stage)),
top AS (SELECT k, contact_code('topic', k) AS v FROM (SELECT DISTINCT topic AS k FROM stage)),
ts AS (SELECT k, parse_utc(k) AS v FROM (SELECT DISTINCT unnest([period_start, period_end]) AS k FROM stage)),
num AS (SELECT k, parse_count(k) AS v FROM (SELECT DISTINCT unnest([received, resolved, open_at_end]) AS k FROM stage)),
parsed AS (
    SELECT s.line, s.raw, s.period_start AS start_text, s.period_end AS end_text, s.mission AS mission_text,
           s.country AS country_text, s.channel AS channel_text, s.topic AS topic_text,
           s.received AS received_text, s.resolved AS resolved_text, s.open_at_end AS open_text,
           s.oldest_open_hours AS oldest_text, s.note,
           t1.v AS period_start, t2.v AS period_end, mis.v AS mission_id, mh.hint AS mission_hint,
           cty.v AS country_iso3, chn.v AS channel, top.v AS topic,
           n1.v AS c_received, n2.v AS c_resolved, n3.v AS c_open,
           TRY_CAST(replace(trim(s.oldest_open_hours), ',', '.') AS DOUBLE) AS oldest_open_hours
    FROM stage s
    LEFT JOIN ts t1 ON t1.k = s.period_start
    LEFT JOIN ts t2 ON t2.k = s.period_end
    LEFT JOIN mis ON mis.k = s.mission
    LEFT JOIN mis_hint mh ON mh.k = s.mission
    LEFT JOIN cty ON cty.k = s.country
    LEFT JOIN chn ON chn.k = s.channel
    LEFT JOIN top ON top.k = s.topic
    LEFT JOIN num n1 ON n1.k = s.received
    LEFT JOIN num n2 ON n2.k = s.resolved
    LEFT JOIN num n3 ON n3.k = s.open_at_end
),
row_judged AS (
    SELECT *, CASE
        WHEN period_start IS NULL THEN ['bad_period_start', 'period_start', format('period_start "{}" is not a date and time; write e.g. 2026-03-04 06:00 (UTC)', coalesce(start_text, ''))]
        WHEN period_end IS NULL THEN ['bad_period_end', 'period_end', format('period_end "{}" is not a date and time; write e.g. 2026-03-04 12:00 (UTC)', coalesce(end_text, ''))]
        WHEN period_end <= period_start THEN ['period_end_before_start', 'period_end', format('period_end {} is not after period_start {}; check the two times', strftime(period_end, '%Y-%m-%d %H:%M'), strftime(period_start, '%Y-%m-%d %H:%M'))]
        WHEN period_end > (SELECT now FROM load_context) + INTERVAL 10 MINUTE THEN ['future_period_end', 'period_end', format('period_end {} is in the future; report a period once it has ended, and check the time zone', strftime(period_end, '%Y-%m-%d %H:%M'))]
        WHEN mission_id IS NULL THEN ['unknown_mission', 'mission', format('unknown mission "{}"; use an id from data/reference/missions.csv{}', coalesce(mission_text, ''), CASE WHEN mission_hint IS NULL THEN '' ELSE format(' — did you mean {}?', mission_hint) END)]
        WHEN country_iso3 IS NULL THEN ['unknown_country', 'country', format('unknown country "{}"; write it in English, Russian or Kazakh, or its ISO code', coalesce(country_text, ''))]
        WHEN channel IS NULL THEN ['unknown_channel', 'channel', format('channel "{}" is not one of phone, whatsapp, telegram, email, walk-in, other', coalesce(channel_text, ''))]
        WHEN topic IS NULL THEN ['unknown_topic', 'topic', format('topic "{}" is not one of leave, medical, documents, money, housing, information, other', coalesce(topic_text, ''))]
        WHEN c_received IS NULL OR c_received.err IS NOT NULL OR c_received.n > 2147483647 THEN ['not_a_count', 'received', format('received "{}" is not a whole number ≥ 0', coalesce(received_text, ''))]
        WHEN c_resolved IS NULL OR c_resolved.err IS NOT NULL OR c_resolved.n > 2147483647 THEN ['not_a_count', 'resolved', format('resolved "{}" is not a whole number ≥ 0', coalesce(resolved_text, ''))]
        WHEN c_open IS NULL OR c_open.err IS NOT NULL OR c_open.n > 2147483647 THEN ['not_a_count', 'open_at_end', format('open_at_end "{}" is not a whole number ≥ 0', coalesce(open_text, ''))]
        WHEN nullif(trim(oldest_text), '') IS NOT NULL AND (oldest_open_hours IS NULL OR oldest_open_hours < 0 OR isinf(oldest_open_hours) OR isnan(oldest_open_hours))
            THEN ['bad_oldest_open_hours', 'oldest_open_hours', format('oldest_open_hours "{}" is not a number of hours ≥ 0; leave it empty when not known', oldest_text)]
    END AS problem
    FROM parsed
),
ok AS (
    SELECT line, period_start, period_end, mission_id, country_iso3, channel, topic,
           c_received.n AS received, c_resolved.n AS resolved, c_open.n AS open_at_end
    FROM row_judged WHERE problem IS NULL
),
this_file AS (SELECT max(source_id) AS sid FROM sources),
-- Periods already loaded from other files, and this file's rows without a problem of their own
-- (on the second pass this file's good rows are read from hotline_periods, the rest from the
-- stage). A later file's period replaces an earlier one with the same bounds, as in
-- hotline_periods_current.
mine AS (
    SELECT mission_id, channel, country_iso3, topic, period_start, period_end, open_at_end, line
    FROM hotline_periods WHERE source_id = (SELECT sid FROM this_file)
    UNION ALL
    SELECT mission_id, channel, country_iso3, topic, period_start, period_end, open_at_end, line FROM ok
),
known AS (
    SELECT * FROM (
        SELECT mission_id, channel, country_iso3, topic, period_start, period_end, open_at_end, source_id, line
        FROM hotline_periods WHERE source_id <> (SELECT sid FROM this_file)
        UNION ALL
        SELECT mission_id, channel, country_iso3, topic, period_start, period_end, open_at_end,
               (SELECT sid FROM this_file), line FROM mine
    )
    QUALIFY source_id = max(source_id) OVER (PARTITION BY mission_id, channel, period_start, period_end)
),
known_periods AS (
    SELECT mission_id, channel, period_start, period_end, max(source_id) AS source_id, min(line) AS line
    FROM known GROUP BY ALL
),
overlap AS (
    SELECT o.line, arg_min([format('{}', k.line), coalesce(src.original_name, ''), strftime(k.period_start, '%Y-%m-%d %H:%M'), strftime(k.period_end, '%Y-%m-%d %H:%M')],
                          (k.source_id, k.line)) AS other
    FROM ok o
    JOIN known_periods k
      ON k.mission_id = o.mission_id AND k.channel = o.channel
     AND k.period_start < o.period_end AND o.period_start < k.period_end
     AND (k.period_start, k.period_end) <> (o.period_start, o.period_end)
     -- within this file only an earlier line counts, so the later of two overlapping lines goes
     AND (k.source_id <> (SELECT sid FROM this_file) OR k.line < o.line)
    LEFT JOIN sources src ON src.source_id = k.source_id
    GROUP BY o.line
),
prev_end AS (
    SELECT o.line, p.period_end AS prev_end
    FROM ok o
    ASOF LEFT JOIN known_periods p
      ON p.mission_id = o.mission_id AND p.channel = o.channel AND o.period_start >= p.period_end
),
prev_open AS (
    SELECT o.line, pe.prev_end, coalesce(sum(k.open_at_end), 0) AS open_before
    FROM ok o
    JOIN prev_end pe USING (line)
    LEFT JOIN known k
      ON k.mission_id = o.mission_id AND k.channel = o.channel AND k.country_iso3 = o.country_iso3
     AND k.topic = o.topic AND k.period_end = pe.prev_end
    GROUP BY o.line, pe.prev_end
),
dup AS (
    SELECT line, first_value(line) OVER w AS first_line, row_number() OVER w AS n
    FROM mine
    WINDOW w AS (PARTITION BY mission_id, country_iso3, channel, topic, period_start, period_end ORDER BY line)
),
judged AS (
    SELECT r.*, coalesce(r.problem, CASE
        WHEN d.n > 1 THEN ['duplicate_row', NULL, format('same period, mission, country, channel and topic as line {}; keep one row (add the figures up)', d.first_line)]
        WHEN ov.line IS NOT NULL THEN ['overlapping_period', 'period_start', format('period {} – {} overlaps the period {} – {} of the same mission and channel ({}line {}); periods of one mission and channel must not overlap — re-send that period with the same start and end to correct it',
            strftime(r.period_start, '%Y-%m-%d %H:%M'), strftime(r.period_end, '%Y-%m-%d %H:%M'), ov.other[3], ov.other[4],
            CASE WHEN ov.other[2] = '' THEN '' ELSE ov.other[2] || ', ' END, ov.other[1])]
        WHEN r.c_resolved.n > r.c_received.n + po.open_before THEN ['resolved_above_received', 'resolved', format('resolved ({}) is more than received ({}) plus the {} open at the end of the previous period{}; check the figures',
            r.c_resolved.n, r.c_received.n, po.open_before, CASE WHEN po.prev_end IS NULL THEN ' (none reported before)' ELSE format(' ({})', strftime(po.prev_end, '%Y-%m-%d %H:%M')) END)]
    END) AS verdict
    FROM row_judged r
    LEFT JOIN dup d ON d.line = r.line
    LEFT JOIN overlap ov ON ov.line = r.line
    LEFT JOIN prev_open po ON po.line = r.line
)
SELECT line,
       CASE WHEN verdict IS NOT NULL THEN coalesce(raw, concat_ws(',', start_text, end_text, mission_text, country_text,
            channel_text, topic_text, received_text, resolved_text, open_text, oldest_text, note)) END AS raw,
       period_start, period_end, mission_id, country_iso3, channel, topic,
       c_received.n::INTEGER AS received, c_resolved.n::INTEGER AS resolved, c_open.n::INTEGER AS open_at_end,
       oldest_open_hours, note,
       verdict[1] AS err_code, verdict[2] AS err_col, verdict[3] AS err_reason
FROM judged;
