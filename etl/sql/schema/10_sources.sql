-- One row per input file ever loaded (or found unusable); raw bytes are in data/archive/ by sha256.
CREATE TABLE sources (
    source_id     INTEGER PRIMARY KEY,
    path          VARCHAR NOT NULL,   -- archive path, relative to the data folder
    original_name VARCHAR NOT NULL,   -- the file's name when it was loaded
    sha256        VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,   -- headcounts, evacuations, notams, status_sheet, … or unusable
    loaded_at     TIMESTAMP NOT NULL, -- UTC
    rows_loaded   INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    is_sample     BOOLEAN NOT NULL DEFAULT false,
    uploaded_by   VARCHAR,
    note          VARCHAR
);
