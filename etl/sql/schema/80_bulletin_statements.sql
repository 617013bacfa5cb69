-- What a ministry bulletin states that is neither a country's headcount nor a completed
-- evacuation: planned or expected movements ("планируется вывезти 343 из Катара") and figures for
-- the whole region (present, evacuated so far, planned). Listed for the analyst as the bulletin
-- said them; never added to a country's figures or to evacuations.
CREATE TABLE bulletin_statements (
    source_id   INTEGER NOT NULL,
    line        INTEGER NOT NULL,   -- the sentence's line in the bulletin, or the row in a reviewed report
    statement   VARCHAR NOT NULL,   -- plan | total_present | total_evacuated | total_planned
    as_of       TIMESTAMP NOT NULL, -- UTC: the bulletin's moment (when it was said, not when planned for)
    from_iso3   VARCHAR,            -- plan: the country to be left (NULL when not said); totals: NULL
    from_city   VARCHAR,
    via_iso3    VARCHAR,            -- a country passed through, when said
    to_iso3     VARCHAR,            -- KAZ for "home"; NULL when not said
    people      INTEGER NOT NULL,
    approximate BOOLEAN NOT NULL,
    note        VARCHAR             -- the sentence it came from
);
