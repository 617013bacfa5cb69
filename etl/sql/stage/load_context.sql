-- Views cannot hold parameters: the moment "now" is for this load lives in a one-row table
-- the validation views read (a time after it is "in the future").
CREATE OR REPLACE TEMP TABLE load_context AS SELECT $now::TIMESTAMP AS now;
