-- Which files (sources) carried which NOTAM: the same NOTAM from two relays = one notams row,
-- two rows here.
CREATE TABLE IF NOT EXISTS notam_sources (
    notam_id  VARCHAR NOT NULL,
    source_id BIGINT NOT NULL,
    line      INTEGER,
    PRIMARY KEY (notam_id, source_id)
);
