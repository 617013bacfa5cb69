-- Of the citizens on a headcount row, how many need medical care or an escort (NULL = not reported).
ALTER TABLE headcounts ADD COLUMN medical INTEGER;
