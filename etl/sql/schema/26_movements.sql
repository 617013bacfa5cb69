-- Evacuation movements (flights, convoys, ships) as each mission report described them: one row
-- per movement per report. A later reported_at for the same flight supersedes the earlier row
-- (a status change or a correction); movements_at(t) keeps the newest known at t.
CREATE TABLE movements (
    reported_at  TIMESTAMP NOT NULL,  -- UTC; when the mission reported this state of the movement
    mission_id   VARCHAR NOT NULL,
    flight       VARCHAR NOT NULL,    -- the movement's id, upper-cased (e.g. KC-8801-0305, CONVOY-THR-1)
    mode         VARCHAR NOT NULL,    -- air, land, sea
    from_iso3    VARCHAR NOT NULL,    -- the country people leave
    from_place   VARCHAR,             -- airport code, city or crossing id
    to_place     VARCHAR,
    scheduled    TIMESTAMP NOT NULL,  -- UTC departure (planned, or actual once departed)
    arrival      TIMESTAMP,           -- UTC arrival when known
    status       VARCHAR NOT NULL,    -- planned, confirmed, departed, arrived, cancelled
    seats        INTEGER,             -- seats offered (NULL = not reported)
    passengers   INTEGER,             -- people on board; evacuated only once departed or arrived
    elderly      INTEGER,
    women        INTEGER,
    children     INTEGER,
    medical      INTEGER,
    note         VARCHAR,
    source_id    INTEGER NOT NULL,
    line         INTEGER NOT NULL
);
