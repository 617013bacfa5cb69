-- Citizens' requests to the missions' hotlines and chats, aggregated per reporting period:
-- one row per period, mission, country, channel and topic. A period re-sent by a later file
-- (same mission, channel, start and end) replaces the earlier one whole (see 63_hotline_periods_current).
CREATE TABLE hotline_periods (
    period_start      TIMESTAMP NOT NULL,  -- UTC
    period_end        TIMESTAMP NOT NULL,  -- UTC, after period_start
    mission_id        VARCHAR NOT NULL,
    country_iso3      VARCHAR NOT NULL,    -- where the citizens asking are
    channel           VARCHAR NOT NULL,    -- phone, whatsapp, telegram, email, walk-in, other
    topic             VARCHAR NOT NULL,    -- leave, medical, documents, money, housing, information, other
    received          INTEGER NOT NULL,    -- requests received in the period
    resolved          INTEGER NOT NULL,    -- requests answered/closed in the period (may include older ones)
    open_at_end       INTEGER NOT NULL,    -- requests still waiting for an answer at period_end
    oldest_open_hours DOUBLE,              -- age of the oldest open request at period_end; NULL = not reported
    note              VARCHAR,
    source_id         INTEGER NOT NULL,
    line              INTEGER NOT NULL
);
