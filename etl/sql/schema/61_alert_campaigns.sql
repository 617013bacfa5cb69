-- Push alerts (Kaspi app notifications, SMS, e-mail) sent to citizens: one row per campaign,
-- audience country and message language. A row re-sent by a later file (same campaign, country
-- and language) replaces the earlier one (see 64_alert_campaigns_current).
CREATE TABLE alert_campaigns (
    campaign     VARCHAR NOT NULL,   -- the campaign's name or id, as the sender wrote it
    sent_at      TIMESTAMP NOT NULL, -- UTC
    channel      VARCHAR NOT NULL,   -- kaspi, sms, email, other
    country_iso3 VARCHAR NOT NULL,   -- the audience: citizens in this country
    language     VARCHAR NOT NULL,   -- kk, ru, en: the language the message was sent in
    message      VARCHAR NOT NULL,   -- the text as sent (never translated)
    targeted     INTEGER NOT NULL,   -- phones the campaign was sent to
    delivered    INTEGER NOT NULL,   -- of them, delivered
    opened       INTEGER,            -- of them, opened; NULL = not reported
    note         VARCHAR,
    source_id    INTEGER NOT NULL,
    line         INTEGER NOT NULL
);
