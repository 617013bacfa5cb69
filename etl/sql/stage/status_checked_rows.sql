-- The checked status-sheet rows in file order, for the row-by-row verdict.
SELECT line, raw, status_word, fir, iso3, country_raw, valid_from, valid_to, to_raw, note, source
FROM status_checked
ORDER BY line;
