-- Derived status intervals, rebuilt from notams + airspace_manual on every load.
-- level 'fir': one FIR's timeline (country_iso3 = the FIR's country; one row per country when a
-- FIR covers several; NULL when the FIR is not in `firs`). level 'country': the combined status
-- per country (fir NULL). valid_to NULL = open-ended. notam_ids: the NOTAMs behind the status.
-- status 'unknown': nothing heard about the FIR/country for SITROOM_AIRSPACE_STALE_HOURS (rule
-- stale_feed / stale_sheet / no_feed). overrun_since: every NOTAM behind the status is past its
-- EST end since then and still in force (not yet replaced or cancelled).
CREATE TABLE IF NOT EXISTS airspace (
    level         VARCHAR NOT NULL CHECK (level IN ('fir', 'country')),
    country_iso3  VARCHAR,
    fir           VARCHAR,
    status        VARCHAR NOT NULL CHECK (status IN ('open', 'restricted', 'closed', 'unknown')),
    valid_from    TIMESTAMP NOT NULL,
    valid_to      TIMESTAMP,
    estimated_end BOOLEAN NOT NULL,
    source_id     BIGINT,
    notam_ids     VARCHAR[] NOT NULL,
    rule          VARCHAR NOT NULL,
    manual        BOOLEAN NOT NULL,
    overrun_since TIMESTAMP
);
