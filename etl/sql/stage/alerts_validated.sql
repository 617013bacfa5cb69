-- Validate staged alert-campaign rows (`stage`, all text) as the view `validated` (see
-- headcounts_validated.sql). One row per campaign, audience country and language; the same
-- campaign, country and language twice in one file is a duplicate (the second line is rejected).
CREATE OR REPLACE TEMP VIEW validated AS
WITH
alias AS (
    SELECT alias_norm, min(iso3) AS iso3 FROM country_aliases GROUP BY alias_norm HAVING count(DISTINCT iso3) = 1
),
cty AS (
    SELECT s.k, a.iso3 AS v FROM (SELECT DISTINCT country AS k FROM stage) s
    LEFT JOIN alias a ON a.alias_norm = norm_name(s.k)
),
chn AS (SELECT k, contact_code('alert_channel', k) AS v FROM (SELECT DISTINCT channel AS k FROM stage)),
lng AS (SELECT k, contact_code('language', k) AS v FROM (SELECT DISTINCT language AS k FROM stage)),
num AS (SELECT k, parse_count(k) AS v FROM (SELECT DISTINCT unnest([targeted, delivered, opened]) AS k FROM stage)),
parsed AS (
    SELECT s.line, s.raw, nullif(trim(s.campaign), '') AS campaign, s.sent_at AS sent_text, parse_utc(s.sent_at) AS sent_at,
           s.channel AS channel_text, chn.v AS channel, s.country AS country_text, cty.v AS country_iso3,
           s.language AS language_text, lng.v AS language, nullif(trim(s.message), '') AS message,
           s.targeted AS targeted_text, s.delivered AS delivered_text, s.opened AS opened_text,
           n1.v AS c_targeted, n2.v AS c_delivered, n3.v AS c_opened, s.note
    FROM stage s
    LEFT JOIN cty ON cty.k = s.country
    LEFT JOIN chn ON chn.k = s.channel
    LEFT JOIN lng ON lng.k = s.language
    LEFT JOIN num n1 ON n1.k = s.targeted
    LEFT JOIN num n2 ON n2.k = s.delivered
    LEFT JOIN num n3 ON n3.k = s.opened
),
row_judged AS (
    SELECT *, CASE
        WHEN campaign IS NULL THEN ['missing_campaign', 'campaign', 'campaign is empty; write the campaign''s name or id, the same on every row of one campaign']
        WHEN sent_at IS NULL THEN ['bad_sent_at', 'sent_at', format('sent_at "{}" is not a date and time; write e.g. 2026-03-04 10:00 (UTC)', coalesce(sent_text, ''))]
        WHEN sent_at > (SELECT now FROM load_context) + INTERVAL 10 MINUTE THEN ['future_sent_at', 'sent_at', format('sent_at {} is in the future; report a campaign once it is sent, and check the time zone', strftime(sent_at, '%Y-%m-%d %H:%M'))]
        WHEN channel IS NULL THEN ['unknown_channel', 'channel', format('channel "{}" is not one of kaspi, sms, email, other', coalesce(channel_text, ''))]
        WHEN country_iso3 IS NULL THEN ['unknown_country', 'country', format('unknown country "{}"; write the audience country in English, Russian or Kazakh, or its ISO code (one row per country)', coalesce(country_text, ''))]
        WHEN language IS NULL THEN ['unknown_language', 'language', format('language "{}" is not one of kk, ru, en (or Kazakh, Russian, English)', coalesce(language_text, ''))]
        WHEN message IS NULL THEN ['missing_message', 'message', 'message is empty; paste the text exactly as it was sent']
        WHEN c_targeted IS NULL OR c_targeted.err IS NOT NULL OR c_targeted.n > 2147483647 THEN ['not_a_count', 'targeted', format('targeted "{}" is not a whole number ≥ 0', coalesce(targeted_text, ''))]
        WHEN c_delivered IS NULL OR c_delivered.err IS NOT NULL OR c_delivered.n > 2147483647 THEN ['not_a_count', 'delivered', format('delivered "{}" is not a whole number ≥ 0', coalesce(delivered_text, ''))]
        WHEN c_delivered.n > c_targeted.n THEN ['delivered_above_targeted', 'delivered', format('delivered ({}) is more than targeted ({}); a campaign cannot deliver to more phones than it was sent to', c_delivered.n, c_targeted.n)]
        WHEN c_opened.err IN ('negative', 'fraction', 'not_number') OR c_opened.n > 2147483647 THEN ['not_a_count', 'opened', format('opened "{}" is not a whole number ≥ 0; leave it empty when not known', coalesce(opened_text, ''))]
        WHEN c_opened.n > c_delivered.n THEN ['opened_above_delivered', 'opened', format('opened ({}) is more than delivered ({}); only delivered messages can be opened', c_opened.n, c_delivered.n)]
    END AS problem
    FROM parsed
),
dup AS (
    SELECT line, first_value(line) OVER w AS first_line, row_number() OVER w AS n
    FROM (SELECT line, campaign, country_iso3, language FROM row_judged WHERE problem IS NULL
          UNION ALL
          SELECT line, campaign, country_iso3, language FROM alert_campaigns WHERE source_id = (SELECT max(source_id) FROM sources))
    WINDOW w AS (PARTITION BY campaign, country_iso3, language ORDER BY line)
),
judged AS (
    SELECT r.*, coalesce(r.problem, CASE WHEN d.n > 1 THEN ['duplicate_row', NULL,
        format('same campaign, country and language as line {}; one row per audience country and language', d.first_line)] END) AS verdict
    FROM row_judged r LEFT JOIN dup d ON d.line = r.line
)
SELECT line,
       CASE WHEN verdict IS NOT NULL THEN coalesce(raw, concat_ws(',', campaign, sent_text, channel_text, country_text,
            language_text, message, targeted_text, delivered_text, opened_text, note)) END AS raw,
       campaign, sent_at, channel, country_iso3, language, message,
       c_targeted.n::INTEGER AS targeted, c_delivered.n::INTEGER AS delivered, c_opened.n::INTEGER AS opened, note,
       verdict[1] AS err_code, verdict[2] AS err_col, verdict[3] AS err_reason
FROM judged;
