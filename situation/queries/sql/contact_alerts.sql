-- Alert campaign rows sent by $t to the chosen countries (corrections applied), newest first,
-- with the file and line each came from. The message text is as sent, in its language.
SELECT a.campaign, a.sent_at, a.channel, a.country_iso3, a.language, a.message,
       a.targeted, a.delivered, a.opened, s.original_name AS file, a.line
FROM alert_campaigns_current a
LEFT JOIN sources s USING (source_id)
WHERE a.sent_at <= $t
  AND (len($countries) = 0 OR list_contains($countries, a.country_iso3))
ORDER BY a.sent_at DESC, a.campaign, a.country_iso3, a.language;
