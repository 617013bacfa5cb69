-- Every rejected row (or whole file, line 0) with what is wrong and what to fix.
CREATE TABLE rejects (
    source_id INTEGER NOT NULL,
    line      INTEGER,   -- 1-based line in the file (row number in a spreadsheet); 0 = whole file
    col       VARCHAR,   -- column (template name) the problem is in, if one
    code      VARCHAR NOT NULL,
    reason    VARCHAR NOT NULL,
    raw       VARCHAR
);
