-- Rows of the analysts' status sheet: what is learned elsewhere than NOTAMs. They win over
-- NOTAM-derived status for their interval (country rows over the country, FIR rows over the FIR).
CREATE TABLE IF NOT EXISTS airspace_manual (
    country_iso3 VARCHAR,
    fir          VARCHAR,
    status       VARCHAR NOT NULL CHECK (status IN ('open', 'restricted', 'closed')),
    valid_from   TIMESTAMP NOT NULL,
    valid_to     TIMESTAMP,
    note         VARCHAR,
    source       VARCHAR,      -- where the analyst learned it (free text from the sheet)
    source_id    BIGINT NOT NULL,
    line         INTEGER,
    CHECK (country_iso3 IS NOT NULL OR fir IS NOT NULL)
);
