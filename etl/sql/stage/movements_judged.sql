-- Every staged movement judged once: the status check looks at earlier rows of the same flight,
-- so the verdict is kept rather than evaluated again after the good rows are stored.
CREATE OR REPLACE TEMP TABLE _judged AS SELECT * FROM validated;
