-- One row per NOTAM (notam_id = "<FIR> <series><number>/<yy>", e.g. "OIIX A0793/26": numbers are
-- unique per issuing office only). Times are TIMESTAMP meaning UTC. The same NOTAM relayed in
-- several files is one row here and several rows in notam_sources; source_id is the first one.
-- replaced_by, effective_end, status, rule and country_iso3 are derived (etl/kinds/notams.py derive).
CREATE TABLE IF NOT EXISTS notams (
    notam_id      VARCHAR PRIMARY KEY,
    fir           VARCHAR NOT NULL,
    qcode         VARCHAR,
    valid_from    TIMESTAMP NOT NULL,
    valid_to      TIMESTAMP,            -- NULL: PERM or no C) item
    permanent     BOOLEAN NOT NULL,
    text          VARCHAR NOT NULL,     -- item E): line breaks kept, runs of spaces folded
    source_id     BIGINT NOT NULL,
    raw           VARCHAR NOT NULL,
    series        VARCHAR,
    number        INTEGER,
    year          INTEGER,
    kind          VARCHAR NOT NULL CHECK (kind IN ('N', 'R', 'C')),
    replaces      VARCHAR,
    replaced_by   VARCHAR,
    estimated_end BOOLEAN NOT NULL,     -- C) ... EST (or UFN): the end is an estimate
    subject       VARCHAR,              -- Q-code letters 2-3 (AF = FIR)
    condition     VARCHAR,              -- Q-code letters 4-5 (LC = closed)
    traffic       VARCHAR,
    purpose       VARCHAR,
    scope         VARCHAR,
    locations     VARCHAR[],            -- item A)
    lat           DOUBLE,
    lon           DOUBLE,
    radius_nm     INTEGER,
    lower         INTEGER,              -- flight level from Q)
    upper         INTEGER,
    item_f        VARCHAR,
    item_g        VARCHAR,
    schedule      VARCHAR,              -- item D)
    part          VARCHAR,              -- "1/2" for multi-part NOTAMs (parts' texts are joined)
    line          INTEGER,              -- line of the first file it was read from
    effective_end TIMESTAMP,            -- valid_to, cut by a NOTAMR start or a NOTAMC
    status        VARCHAR,              -- etl/airspace/rules.py status
    rule          VARCHAR,              -- the rule that fired
    country_iso3  VARCHAR               -- NULL for an unknown FIR or one shared by several countries
);
