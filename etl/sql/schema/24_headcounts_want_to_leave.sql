-- Of the citizens on a headcount row, how many registered with the mission to leave (NULL = not reported).
ALTER TABLE headcounts ADD COLUMN want_to_leave INTEGER;
